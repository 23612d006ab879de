/**
 * Turns tokens, phrase matches, days and figures into one flat list of events (label, figure, marker, boundary…)
 * in text order. Assignment then only walks this list, never the text.
 */
import type { DateHit } from "./dates.ts";
import type { Figure } from "./figures.ts";
import type { PhraseMatch } from "./phrases.ts";
import type { Token } from "./tokens.ts";
import type { ValueKind } from "./types.ts";
import type { Vocab } from "./vocabulary.ts";

export type Event =
  /** `from`/`to`: its tokens, for comparing its words with other labels. */
  | { k: "label"; metric: string; start: number; end: number; from: number; to: number }
  | { k: "fig"; fig: Figure }
  | { k: "marker"; kind: ValueKind; strong: boolean; section: boolean }
  | { k: "target" | "notice" | "question" | "chat" | "cue" | "counter" | "word" }
  /** "," "(" ")" "và": splits a clause into parts that share labels but not markers. */
  | { k: "soft"; ch: string }
  /** Line end, ";", ".", "!", "?": ends a clause. */
  | { k: "hard"; ch: string };

const HARD = new Set(["\n", ";", ".", "!", "?"]);
const SOFT = new Set([",", "(", ")", "[", "]"]);

// Events without data are shared, immutable objects: most events are plain words, and a long message must not
// allocate one object per word.
const WORD: Event = Object.freeze({ k: "word" });
const SIMPLE = new Map<string, Event>(["target", "notice", "question", "chat", "cue", "counter"].map((k) => [k, Object.freeze({ k } as Event)]));
const simple = (k: string): Event => SIMPLE.get(k)!;
const softCache = new Map<string, Event>();
const hardCache = new Map<string, Event>();
const soft = (ch: string): Event => softCache.get(ch) ?? softCache.set(ch, Object.freeze({ k: "soft", ch })).get(ch)!;
const hard = (ch: string): Event => hardCache.get(ch) ?? hardCache.set(ch, Object.freeze({ k: "hard", ch })).get(ch)!;

function fromVocab(v: Vocab, m: PhraseMatch<Vocab>, tokens: readonly Token[]): Event {
  if (v.metric)
    return { k: "label", metric: v.metric, start: tokens[m.from]!.start, end: tokens[m.to - 1]!.end, from: m.from, to: m.to };
  if (v.notice) return simple("notice");
  if (v.question) return simple("question");
  if (v.chat) return simple("chat");
  if (v.target) return simple("target");
  if (v.kind && !v.neutral) return { k: "marker", kind: v.kind, strong: !!v.strong, section: !!v.section };
  if (v.reportCue) return simple("cue");
  if (v.counter) return simple("counter");
  return WORD;
}

/** Builds the event list; `figAt[i]` / `dateAt[i]` are the figure / day starting at token i. */
export function buildEvents(
  tokens: readonly Token[],
  matchAt: ReadonlyArray<PhraseMatch<Vocab> | undefined>,
  figAt: ReadonlyArray<Figure | undefined>,
  dateAt: ReadonlyArray<DateHit | undefined>,
  taken: Uint8Array,
): Event[] {
  const out: Event[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    const m = matchAt[i];
    const fig = figAt[i];
    if (fig) {
      out.push({ k: "fig", fig });
      i = fig.last;
    } else if (m && m.from === i) {
      out.push(m.payload.unit && !m.payload.metric ? WORD : fromVocab(m.payload, m, tokens));
      i = m.to;
    } else if (dateAt[i]) {
      i = dateAt[i]!.to;
    } else if (t.kind === "p") {
      if (t.text === "(" || t.text === "[") depth++;
      if ((t.text === ")" || t.text === "]") && depth > 0) depth--;
      // Inside brackets a ";" or line break separates sub-figures of one line: keep them in the clause.
      if (t.text === "\n") depth = 0; // an unclosed bracket ends with its line
      if (HARD.has(t.text) && !(depth > 0 && t.text === ";")) out.push(hard(t.text));
      else if (SOFT.has(t.text) || t.text === ";") out.push(soft(t.text));
      i++;
    } else if (taken[i]) {
      i++;
    } else {
      out.push(t.text === "va" ? soft("va") : WORD);
      i++;
    }
  }
  return out;
}
