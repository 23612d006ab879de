/**
 * The text every stage reads: NFC (so spans are stable whatever the keyboard sent) and its folded form with a
 * map back to NFC offsets.
 */
import { foldWithMap } from "../text/fold.ts";
import { tokenize, type Token } from "./tokens.ts";

export interface PreparedText {
  /** NFC text; spans refer to it. */
  text: string;
  /** Folded text (lower case, no diacritics, đ → d). */
  folded: string;
  /** `map[i]`: offset in `text` of folded character i; `map[folded.length]` is where reading stopped. */
  map: readonly number[];
  tokens: Token[];
  /** True when only the first `limit` characters were read. */
  truncated: boolean;
}

/**
 * Whether `s` is certainly NFC already: only characters below the combining marks and precomposed Vietnamese
 * letters (Latin Extended Additional), which have no canonical decomposition to undo. Saves a costly normalize()
 * on the typical message.
 */
function plainlyNfc(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && (c < 0x1e00 || c > 0x1eff)) return false;
  }
  return true;
}

/**
 * NFC-normalizes, folds and tokenizes a message, reading at most `limit` characters (cut at a line or word
 * break when one is near). Lone surrogates and control characters are harmless here.
 */
export function prepareText(input: string, limit = Infinity): PreparedText {
  const text = plainlyNfc(input) ? input : input.normalize("NFC");
  let read = text;
  if (text.length > limit) {
    const cut = Math.max(text.lastIndexOf("\n", limit), text.lastIndexOf(" ", limit));
    read = text.slice(0, cut > limit / 2 ? cut : limit);
  }
  const { text: folded, map } = foldWithMap(read);
  return { text, folded, map, tokens: tokenize(folded), truncated: read.length < text.length };
}

/** Maps a folded span back to NFC offsets. */
export function toTextSpan(p: PreparedText, start: number, end: number): [number, number] {
  return [p.map[start] ?? p.text.length, p.map[end] ?? p.text.length];
}
