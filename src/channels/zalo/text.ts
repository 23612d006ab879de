/**
 * Reply text → what Zalo gets: plain text (Zalo Web shows no markup), the buttons as a numbered list, split into
 * parts of at most `ZALO_TEXT_LIMIT` characters, with each mention moved to the part and offset it lands on.
 * Offsets are UTF-16 code units, as JavaScript strings and Zalo's `{ pos, len }` both count.
 */
import type { Button, Mention } from "../../core/types.ts";
import type { Translate } from "../../i18n.ts";
import { splitMessage, toPlainText } from "../../render/markup.ts";

/**
 * Longest text sent in one Zalo message. Zalo Web accepts longer texts, but long ones are folded behind
 * "Xem thêm" and fail more often on slow phones; 2,000 keeps a report table readable in one bubble.
 */
export const ZALO_TEXT_LIMIT = 2000;

export interface TextPart {
  msg: string;
  mentions: { pos: number; uid: string; len: number }[];
}

const FENCE = /```\n?([\s\S]*?)\n?```/g;
const BOLD = /\*\*([^*\n]+)\*\*/g;

/** Applies one markup rule, keeping a map from each old offset to its new offset. */
function stripTracked(text: string, re: RegExp, map: number[]): { text: string; map: number[] } {
  let out = "";
  const next: number[] = [];
  let last = 0;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) next[i] = out.length + (i - from);
    out += text.slice(from, to);
  };
  for (const m of text.matchAll(re)) {
    copy(last, m.index);
    const inner = m[1]!;
    const innerStart = m.index + m[0].indexOf(inner);
    for (let i = m.index; i < innerStart; i++) next[i] = out.length; // markers map onto the inner text
    copy(innerStart, innerStart + inner.length);
    for (let i = innerStart + inner.length; i < m.index + m[0].length; i++) next[i] = out.length;
    last = m.index + m[0].length;
  }
  copy(last, text.length);
  next[text.length] = out.length;
  return { text: out, map: map.map((o) => next[o]!) };
}

/**
 * `toPlainText`, also moving mention offsets from the markup text to the plain one (a name inside `**…**`
 * moves left by two). The result text is exactly `toPlainText(text)`.
 */
export function plainWithMentions(text: string, mentions: readonly Mention[] = []): { text: string; mentions: Mention[] } {
  let state = { text, map: Array.from({ length: text.length + 1 }, (_, i) => i) };
  state = stripTracked(state.text, FENCE, state.map);
  state = stripTracked(state.text, BOLD, state.map);
  if (state.text !== toPlainText(text)) return { text: toPlainText(text), mentions: [] }; // markup rules changed
  const moved = mentions.map((m) => {
    const start = state.map[m.offset] ?? -1;
    const end = state.map[m.offset + m.length] ?? -1;
    return { userId: m.userId, offset: start, length: end - start };
  });
  return { text: state.text, mentions: moved.filter((m) => m.offset >= 0 && m.length > 0) };
}

/** Buttons as "1. label" lines: Zalo has no buttons, the member answers with the number. */
export function numberedChoices(buttons: readonly (readonly Button[])[], t: Translate): { text: string; data: string[] } {
  const flat = buttons.flat();
  const lines = flat.map((b, i) => `${i + 1}. ${b.label}`);
  return { text: `${lines.join("\n")}\n${t("zalo:choices.hint", { count: flat.length, last: flat.length })}`, data: flat.map((b) => b.data) };
}

/** Splits a plain text into Zalo messages, each mention kept whole in the part it falls in. */
export function toTextParts(text: string, mentions: readonly Mention[], limit = ZALO_TEXT_LIMIT): TextPart[] {
  const pieces = splitMessage(text, limit);
  let cursor = 0;
  return pieces.map((piece) => {
    const start = text.indexOf(piece, cursor);
    const at = start < 0 ? cursor : start;
    cursor = at + piece.length;
    return {
      msg: piece,
      mentions: mentions
        .filter((m) => start >= 0 && m.offset >= at && m.offset + m.length <= at + piece.length)
        .map((m) => ({ pos: m.offset - at, uid: m.userId, len: m.length })),
    };
  });
}
