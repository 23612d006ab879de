/**
 * Finds the figures in a token stream: numbers with their magnitude word, percent or money sign and measure
 * word, minus everything that only looks like a figure (times, phone and CCCD numbers, list indexes, ordinals,
 * ranks, document numbers, durations, fraction denominators).
 */
import type { PhraseMatch } from "./phrases.ts";
import type { Token } from "./tokens.ts";
import { MAGNITUDES, MONEY_WORDS, NOT_MAGNITUDE_NEXT, type Vocab } from "./vocabulary.ts";

/** `bare`: no sign and no measure word, so any metric type may take it. */
export type FigureType = "count" | "percent" | "money" | "bare";

export interface Figure {
  /** Tokens `[first, last)` including suffixes. */
  first: number;
  last: number;
  /** Folded offsets of the whole figure. */
  start: number;
  end: number;
  /** Digits and separators ("1.020", "1,2"). */
  raw: string;
  magnitude: number;
  type: FigureType;
  /** Written as a fraction "2.105/8.000": the numerator is the figure. */
  fraction: boolean;
  /** A duration or age ("90 ngày đêm"): read, so its tokens are not read again, but not a figure. */
  skip?: boolean;
}

const TIME_SUFFIX = new Set(["h", "g", "gio", "am", "pm"]);
const isP = (t: Token | undefined, ch: string) => !!t && t.kind === "p" && t.text === ch;
const near = (f: string, a: Token, b: Token) => b.start - a.end <= 1 || f.slice(a.end, b.start).trim() === "";
const hasSep = (raw: string) => raw.indexOf(".") >= 0 || raw.indexOf(",") >= 0;
const digitsOf = (raw: string) => (hasSep(raw) ? raw.replace(/[.,]/g, "") : raw);

export interface FigureScanInput {
  f: string;
  tokens: readonly Token[];
  matchAt: ReadonlyArray<PhraseMatch<Vocab> | undefined>;
  /** Tokens already taken by dates. */
  taken: Uint8Array;
  durationWords: ReadonlySet<string>;
}

/** Skips personal numbers: a phone (10–11 digits from 0, possibly grouped) or a CCCD / long id. Returns the end token. */
function personalNumber(inp: FigureScanInput, i: number): number {
  const { tokens, f } = inp;
  const t = tokens[i]!;
  let digits = digitsOf(t.text);
  let j = i + 1;
  const plus = isP(tokens[i - 1], "+") && digits.startsWith("84");
  if ((digits.charCodeAt(0) === 48 && digits.length > 1) || plus) {
    while (digits.length < 11 && tokens[j]?.kind === "n" && near(f, tokens[j - 1]!, tokens[j]!) && !digitsOf(tokens[j]!.text).startsWith("0")) {
      digits += digitsOf(tokens[j]!.text);
      j++;
    }
    if (digits.length >= 9 && digits.length <= 12) return j;
  }
  return hasSep(t.text) || digits.length < 12 ? i : i + 1;
}

function isListIndex(inp: FigureScanInput, i: number): boolean {
  const { tokens } = inp;
  const t = tokens[i]!;
  if (t.text.length > 2 || hasSep(t.text)) return false;
  let k = i - 1;
  while (k >= 0 && tokens[k]!.kind === "p" && (tokens[k]!.text === "-" || tokens[k]!.text === "+" || tokens[k]!.text === "(")) k--;
  if (k >= 0 && !isP(tokens[k], "\n")) return false;
  const next = tokens[i + 1];
  return !!next && next.start === t.end && next.kind === "p" && (next.text === "." || next.text === ")") && tokens[i + 2]?.kind !== "n";
}

/** Scans for figures; marks the tokens it uses or rules out in `taken`. */
export function scanFigures(inp: FigureScanInput): Figure[] {
  const { tokens, matchAt, taken } = inp;
  const out: Figure[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "n" || taken[i] || matchAt[i]) continue;
    const prev = tokens[i - 1];
    // "md1", "C06", "4G": digits glued to letters are part of a word.
    if (prev && prev.kind === "w" && prev.end === t.start) continue;
    const personal = personalNumber(inp, i);
    if (personal > i) {
      taken.fill(1, i, personal);
      i = personal - 1;
      continue;
    }
    const next = tokens[i + 1];
    if (next && next.start === t.end && ((next.kind === "w" && TIME_SUFFIX.has(next.text)) || (isP(next, ":") && tokens[i + 2]?.kind === "n" && tokens[i + 2]!.start === next.end && tokens[i + 2]!.text.length === 2))) {
      const stop = isP(next, ":") ? i + 3 : tokens[i + 2]?.kind === "n" && tokens[i + 2]!.start === next.end ? i + 3 : i + 2;
      taken.fill(1, i, stop);
      i = stop - 1;
      continue;
    }
    if (isListIndex(inp, i)) continue;
    const before = matchAt[i - 1];
    if (before && before.to === i && before.payload.ordinal && !before.payload.metric && !before.payload.unit) {
      // "thứ 43/63", "số 170/KH-UBND": the whole thing is an identifier.
      let stop = i + 1;
      while (isP(tokens[stop], "/") && tokens[stop + 1] && tokens[stop + 1]!.kind !== "p") stop += 2;
      taken.fill(1, i, stop);
      i = stop - 1;
      continue;
    }
    const fig = readFigure(inp, i);
    // "1e309", "31m", "2x3": digits running into letters that are no magnitude or measure word are a code, not a figure.
    const after = tokens[fig.last];
    const glued = !!after && after.kind === "w" && after.start === tokens[fig.last - 1]!.end && !matchAt[fig.last];
    if (!fig.skip && !glued) out.push(fig);
    let stop = fig.last;
    if (glued) while (tokens[stop] && tokens[stop]!.kind !== "p" && tokens[stop]!.start === tokens[stop - 1]!.end) stop++;
    taken.fill(1, i, stop);
    i = stop - 1;
  }
  return out;
}

function readFigure(inp: FigureScanInput, i: number): Figure {
  const { f, tokens, matchAt, durationWords } = inp;
  let raw = tokens[i]!.text;
  let j = i + 1;
  // "1 020", "2 500 000": space-grouped thousands, only after a short plain group.
  if (/^\d{1,3}$/.test(raw))
    while (tokens[j]?.kind === "n" && /^\d{3}$/.test(tokens[j]!.text) && f.slice(tokens[j - 1]!.end, tokens[j]!.start) === " " && !matchAt[j]) {
      raw += `.${tokens[j]!.text}`;
      j++;
    }
  let fraction = false;
  // "2.105/8.000" or "2.105 / 8.000": the denominator is a target, not a figure.
  if (isP(tokens[j], "/") && tokens[j + 1]?.kind === "n") {
    fraction = true;
    j += 2;
  }
  let magnitude = 1;
  let type: FigureType = "bare";
  const w = tokens[j];
  if (w && w.kind === "w" && MAGNITUDES.has(w.text) && !fraction && !matchAt[j] && near(f, tokens[j - 1]!, w)) {
    const glued = tokens[j + 1]?.kind === "n" && tokens[j + 1]!.start === w.end && w.start === tokens[j - 1]!.end;
    const notMag = NOT_MAGNITUDE_NEXT.get(w.text)?.has(tokens[j + 1]?.text ?? "");
    if (!notMag && (w.text !== "k" || w.start === tokens[j - 1]!.end)) {
      magnitude = MAGNITUDES.get(w.text)!;
      j++;
      if (glued && !/[.,]/.test(raw)) {
        // "1k2" = 1,2 nghìn; "2tr5" = 2,5 triệu.
        raw = `${raw},${tokens[j]!.text}`;
        j++;
      }
    }
  }
  const s = tokens[j];
  if (s && isP(s, "%") && near(f, tokens[j - 1]!, s)) {
    type = "percent";
    j++;
  } else if (s?.text === "phan" && tokens[j + 1]?.text === "tram") {
    type = "percent";
    j += 2;
  } else if (s && s.kind === "w" && MONEY_WORDS.has(s.text) && near(f, tokens[j - 1]!, s) && !matchAt[j]?.payload.metric && !matchAt[j]?.payload.unit) {
    type = "money";
    j++;
  } else if (matchAt[j]?.payload.counter && matchAt[j]!.from === j && !matchAt[j]!.payload.metric) {
    type = "count";
  } else if (s && s.kind === "w" && durationWords.has(s.text) && tokens[j + 1]?.kind !== "n" && magnitude === 1) {
    return { first: i, last: j + 1, start: tokens[i]!.start, end: s.end, raw, magnitude, type, fraction, skip: true };
  }
  return { first: i, last: j, start: tokens[i]!.start, end: tokens[j - 1]!.end, raw, magnitude, type, fraction };
}
