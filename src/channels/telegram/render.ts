/**
 * A reply's text as Telegram HTML parts. Mentions (UTF-16 offsets into the reply's markup text) become
 * `<a href="tg://user?id=…">name</a>` inline links, which notify the user even without a @username; a mention
 * whose id is not numeric (an @username) is left as written.
 */
import type { Mention } from "../../core/types.ts";
import { escapeHtml, splitMessage, toPlainText, toTelegramHtml } from "../../render/markup.ts";

/** Telegram's limits on a message text and a media caption, counted after entity parsing. */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

export interface RenderedPart {
  html: string;
  /** The same part without markup: sent when Telegram cannot parse the HTML. */
  plain: string;
}

// Private-use characters survive escaping and the markup regexes, so a mention can be marked before the
// markup is rendered and turned into a link after.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

export function renderParts(text: string, mentions: readonly Mention[] = [], limit = TEXT_LIMIT): RenderedPart[] {
  const links: { userId: string; name: string }[] = [];
  let marked = "";
  let last = 0;
  const usable = [...mentions]
    .filter((m) => /^\d+$/.test(m.userId) && m.offset >= 0 && m.length > 0 && m.offset + m.length <= text.length)
    .sort((a, b) => a.offset - b.offset);
  for (const m of usable) {
    if (m.offset < last) continue; // overlapping: keep the first
    marked += text.slice(last, m.offset) + `${OPEN}${links.length}${CLOSE}`;
    links.push({ userId: m.userId, name: text.slice(m.offset, m.offset + m.length) });
    last = m.offset + m.length;
  }
  marked += text.slice(last);
  return splitMessage(marked, limit).map((part) => ({
    html: toTelegramHtml(part).replace(PLACEHOLDER, (_, i: string) => {
      const link = links[Number(i)]!;
      return `<a href="tg://user?id=${link.userId}">${escapeHtml(link.name)}</a>`;
    }),
    plain: toPlainText(part).replace(PLACEHOLDER, (_, i: string) => links[Number(i)]!.name),
  }));
}
