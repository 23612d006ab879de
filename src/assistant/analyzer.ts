/**
 * Text → search terms for the citizen assistant, used both to index the knowledge base and to read questions,
 * so both sides meet in the same form: folded, Telex leftovers repaired, abbreviations expanded, plus
 * adjacent-word bigrams. Vietnamese words are mostly two syllables ("mật khẩu", "kích hoạt"); a single folded
 * syllable is ambiguous ("mat" is mất or mật), the bigram is not.
 */
import { fold, foldKey } from "../text/fold.ts";
import { ABBREVIATIONS, STOPWORDS, repairTelex } from "./vietnamese.ts";

/** Prefix of a bigram term, so prefix and fuzzy search on single words never reach bigrams. */
export const BIGRAM_MARK = "~";

/**
 * Tokens that `redactPii` leaves behind, with the label typed before them ("số CCCD của tôi là [cccd]",
 * "sđt: [phone]"): a number pasted into a question says nothing about its topic. At most four label words,
 * so the pattern stays linear.
 */
const REDACTED = /(?:\b(?:so|sdt|dt|dien thoai|cccd|cmnd|can cuoc|otp|ma|passcode|la|cua|toi|em|minh)\b[\s:]*){0,4}\[(?:cccd|phone|otp)\]/g;

export interface Analyzer {
  /** Folded, repaired, expanded words of `text`, in order, function words included. */
  words(text: string): string[];
  /** Content words (no function words). */
  contentWords(text: string): string[];
  /** Index and search terms: content words plus bigrams such as "~mat_khau". */
  terms(text: string): string[];
}

/**
 * Creates an analyzer.
 * @param known words that Telex repair must leave alone (default none; the assistant passes the knowledge
 *   base's vocabulary, so loanwords such as "passcode" or "sms" are never mistaken for Telex).
 */
export function createAnalyzer(known: ReadonlySet<string> = new Set()): Analyzer {
  const words = (text: string): string[] => {
    const key = foldKey(fold(text).replace(REDACTED, " "))
      .replace(/([a-z])(\d)/g, "$1 $2") // "muc2", "lv1" → "muc 2"
      .replace(/(\d)([a-z])/g, "$1 $2");
    const out: string[] = [];
    for (const token of key.split(" ")) {
      if (token === "" || /^\d{3,}$/.test(token)) continue; // long numbers are figures or ids, never topics
      const repaired = repairTelex(token, known);
      const expansion = ABBREVIATIONS[repaired] ?? ABBREVIATIONS[token];
      if (expansion) out.push(...expansion.split(" "));
      else out.push(repaired);
    }
    return out;
  };
  const contentWords = (text: string) => words(text).filter((w) => !STOPWORDS.has(w));
  return {
    words,
    contentWords,
    terms(text) {
      const ws = words(text);
      const out = ws.filter((w) => !STOPWORDS.has(w));
      for (let i = 0; i + 1 < ws.length; i++) {
        const a = ws[i]!;
        const b = ws[i + 1]!;
        if (!(STOPWORDS.has(a) && STOPWORDS.has(b))) out.push(`${BIGRAM_MARK}${a}_${b}`);
      }
      return out;
    },
  };
}

/** Every folded word of `texts` as typed (no repair): the vocabulary Telex repair must respect. */
export function vocabularyOf(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) for (const w of foldKey(text).split(" ")) if (w && !/\d/.test(w)) vocabulary.add(w);
  return vocabulary;
}
