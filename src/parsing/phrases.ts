/**
 * Longest-match phrase lookup over tokens. Phrases are indexed by their first token, so matching a message costs
 * one map lookup per token plus a few comparisons: no regex alternation over hundreds of phrases.
 */
import type { Token } from "./tokens.ts";

interface Entry<P> {
  words: string[];
  payload: P;
}

/** A match of one phrase: tokens `[from, to)`. */
export interface PhraseMatch<P> {
  from: number;
  to: number;
  payload: P;
}

/** Punctuation allowed inside a phrase ("TT&TT", "DVC-TT"). */
const JOINERS = new Set(["-", "&"]);

export class PhraseMatcher<P> {
  private readonly index = new Map<string, Entry<P>[]>();

  /** Adds a phrase given as token texts; later additions of the same words are merged by `merge`. */
  add(words: readonly string[], payload: P, merge: (old: P, add: P) => P = (_o, a) => a): void {
    if (words.length === 0) return;
    const list = this.index.get(words[0]!) ?? [];
    const same = list.find((e) => e.words.length === words.length && e.words.every((w, i) => w === words[i]));
    if (same) same.payload = merge(same.payload, payload);
    else {
      list.push({ words: [...words], payload });
      list.sort((a, b) => b.words.length - a.words.length);
      this.index.set(words[0]!, list);
    }
  }

  /** The longest phrase starting at token `i`, or null. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<P> | null {
    const first = tokens[i];
    if (!first || first.kind === "p") return null;
    const list = this.index.get(first.text);
    if (!list) return null;
    for (const e of list) {
      let t = i + 1;
      let k = 1;
      for (; k < e.words.length; k++) {
        while (t < tokens.length && tokens[t]!.kind === "p" && JOINERS.has(tokens[t]!.text)) t++;
        const tok = tokens[t];
        if (!tok || tok.kind === "p" || tok.text !== e.words[k]) break;
        t++;
      }
      if (k === e.words.length) return { from: i, to: t, payload: e.payload };
    }
    return null;
  }

  /** Greedy left-to-right scan: at each token the longest phrase wins and its tokens are consumed. */
  scan(tokens: readonly Token[]): PhraseMatch<P>[] {
    const out: PhraseMatch<P>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const m = this.matchAt(tokens, i);
      if (m) {
        out.push(m);
        i = m.to;
      } else i++;
    }
    return out;
  }
}
