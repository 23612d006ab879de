/**
 * Vietnamese text folding: the one place that decides when two spellings are "the same".
 *
 * People type with and without diacritics, in NFC or NFD (macOS, some Android keyboards), in the Windows
 * "composed" form (a precomposed vowel followed by a combining tone mark), with old or new tone placement
 * (hòa / hoà). Folding lower-cases, removes every diacritic and maps đ/Đ to d, so all of those meet.
 */

const COMBINING = /[\u0300-\u036f]/g;

/** A folded string with, for every folded UTF-16 unit, the index of the unit it came from in the input. */
export interface FoldedText {
  readonly text: string;
  /** `map[i]` is the offset in the original string of folded character `i`; `map[text.length]` is its length. */
  readonly map: readonly number[];
}

const charCache = new Map<string, string>();

function foldChar(ch: string): string {
  let out = charCache.get(ch);
  if (out === undefined) {
    out = ch.normalize("NFD").replace(COMBINING, "").toLowerCase().replace(/đ/g, "d");
    if (out.length !== 1) out = ch.toLowerCase();
    charCache.set(ch, out);
  }
  return out;
}

/** Folds `input` and keeps a map back to the input's offsets, so a match in folded text can be echoed verbatim. */
export function foldWithMap(input: string): FoldedText {
  let text = "";
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code >= 0x300 && code <= 0x36f) continue; // a stray combining mark (NFD or Windows composed form)
    if (code < 0x80) {
      text += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : input[i];
      map.push(i);
      continue;
    }
    // Compose the base letter with the marks that follow it, then fold the whole cluster to one letter.
    let j = i + 1;
    while (j < input.length && input.charCodeAt(j) >= 0x300 && input.charCodeAt(j) <= 0x36f) j++;
    const folded = foldChar(input[i]!);
    for (const c of folded) {
      text += c;
      map.push(i);
    }
    i = j - 1;
  }
  map.push(input.length);
  return { text, map };
}

/** Lower-case, diacritic-free form of `input`: "Tiến độ Đắk Ơ" → "tien do dak o". */
export function fold(input: string): string {
  return foldWithMap(input).text;
}

/** Folds and collapses every run of non-letters/digits into one space: for comparing names and phrases. */
export function foldKey(input: string): string {
  return fold(input)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
