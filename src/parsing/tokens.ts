/**
 * A linear tokenizer over folded text (lower case, no diacritics). Every later stage works on these tokens, so
 * no stage needs a regex that could backtrack on a long message.
 */

/** `w`: a run of letters; `n`: digits with `.`/`,` between digits ("1.020", "31,5"); `p`: one punctuation mark. */
export type TokenKind = "w" | "n" | "p";

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets into the folded text. */
  start: number;
  end: number;
}

/** Punctuation that carries meaning; every other symbol (emoji, bullets, quotes) only separates words. */
const PUNCT = ".,;:!?()[]/%-+&\n";
/** By char code below 128: 1 = punctuation token, 2 = whitespace. A table, because this loop runs per character. */
const ASCII_CLASS = new Uint8Array(128);
for (const ch of PUNCT) ASCII_CLASS[ch.charCodeAt(0)] = 1;
for (const ch of " \t\f\v") ASCII_CLASS[ch.charCodeAt(0)] = 2;
const NON_ASCII_LETTER = /\p{L}/u;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetterAt(f: string, i: number, c: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 0xc0 || (c >= 0xd800 && c <= 0xdfff)) return false;
  return NON_ASCII_LETTER.test(f[i]!);
}

/** Splits folded text into words, numbers and punctuation; whitespace and decorative symbols are dropped. */
export function tokenize(f: string): Token[] {
  const out: Token[] = [];
  const n = f.length;
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    if (isDigit(c)) {
      let j = i + 1;
      for (;;) {
        while (j < n && isDigit(f.charCodeAt(j))) j++;
        const s = f.charCodeAt(j);
        // A separator belongs to the number only between two digits: "1.020" yes, "2023." no.
        if ((s === 46 || s === 44) && j + 1 < n && isDigit(f.charCodeAt(j + 1))) {
          j++;
          continue;
        }
        break;
      }
      out.push({ kind: "n", text: f.slice(i, j), start: i, end: j });
      i = j;
    } else if (isLetterAt(f, i, c)) {
      let j = i + 1;
      while (j < n && isLetterAt(f, j, f.charCodeAt(j))) j++;
      out.push({ kind: "w", text: f.slice(i, j), start: i, end: j });
      i = j;
    } else {
      const cls = c < 128 ? ASCII_CLASS[c] : 0;
      if (cls === 1) out.push({ kind: "p", text: f[i]!, start: i, end: i + 1 });
      else if (c === 13 && f.charCodeAt(i + 1) !== 10) out.push({ kind: "p", text: "\n", start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

/** The word and number texts of a phrase, as the phrase matcher compares them. */
export function phraseTokens(foldedPhrase: string): string[] {
  return tokenize(foldedPhrase)
    .filter((t) => t.kind !== "p")
    .map((t) => t.text);
}
