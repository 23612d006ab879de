/** Competition ranking ("1, 1, 3") of thousands of scores: one native sort, then a binary search per score. */

/** How many of the ascending `sorted` are below `x`. */
function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Each score's rank: 1 + the number of strictly better scores (higher ones, or lower with `lowerFirst`); null without a score. */
export function competitionRanks(scores: readonly (number | null)[], lowerFirst: boolean): (number | null)[] {
  // Negated when higher is better, so that "better" is always "below" in one ascending order.
  const sign = lowerFirst ? 1 : -1;
  const sorted = new Float64Array(scores.filter((s) => s !== null).map((s) => sign * s)).sort();
  return scores.map((s) => (s === null ? null : 1 + countBelow(sorted, sign * s)));
}

/** Positions 0..n-1 ordered by rank, best first; ties and the unranked (last) keep their order. */
export function rankOrder(ranks: readonly (number | null)[]): number[] {
  const slot = (r: number | null) => r ?? ranks.length + 1;
  const next = new Int32Array(ranks.length + 2);
  for (const r of ranks) next[slot(r)]!++;
  let start = 0;
  for (let r = 0; r < next.length; r++) {
    const count = next[r]!;
    next[r] = start;
    start += count;
  }
  const order = new Array<number>(ranks.length);
  ranks.forEach((r, i) => (order[next[slot(r)]!++] = i));
  return order;
}

/** The first `k` of `items` by `score`, highest first with ties in list order (a stable sort's top), without sorting them all. */
export function topBy<T>(items: readonly T[], k: number, score: (item: T) => number): T[] {
  const top: T[] = [];
  if (k <= 0) return top;
  for (const item of items) {
    const s = score(item);
    if (top.length === k && s <= score(top[k - 1]!)) continue;
    let at = top.length;
    while (at > 0 && score(top[at - 1]!) < s) at--;
    top.splice(at, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}
