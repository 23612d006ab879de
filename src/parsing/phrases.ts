/**
 * Longest-match phrase lookup over tokens: a trie of words. Matching a message costs one map lookup per token it
 * walks, however many phrases share their first words (10,000 units all named "Xã …"): no regex alternation, no
 * list of phrases to try one by one.
 */
import type { Token } from "./tokens.ts";

interface Node<P> {
  next: Map<string, Node<P>>;
  /** Set when a phrase ends here. */
  end?: { payload: P };
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
  private readonly root: Node<P> = { next: new Map() };

  /** Adds a phrase given as token texts; later additions of the same words are merged by `merge`. */
  add(words: readonly string[], payload: P, merge: (old: P, add: P) => P = (_o, a) => a): void {
    if (words.length === 0) return;
    let node = this.root;
    for (const w of words) {
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: new Map() }));
      node = child;
    }
    node.end = { payload: node.end ? merge(node.end.payload, payload) : payload };
  }

  /** The longest phrase starting at token `i`, or null. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<P> | null {
    const first = tokens[i];
    if (!first || first.kind === "p") return null;
    let node = this.root.next.get(first.text);
    let best: PhraseMatch<P> | null = null;
    let t = i + 1;
    while (node) {
      if (node.end) best = { from: i, to: t, payload: node.end.payload };
      let u = t;
      while (u < tokens.length && tokens[u]!.kind === "p" && JOINERS.has(tokens[u]!.text)) u++;
      const tok = tokens[u];
      if (!tok || tok.kind === "p") break;
      node = node.next.get(tok.text);
      t = u + 1;
    }
    return best;
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
