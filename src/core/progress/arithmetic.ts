/**
 * Progress arithmetic, shared by acknowledgements, progress answers, leaderboards and exports.
 *
 * A unit's cumulative figure for a metric on day D is:
 * - for count and money metrics: its latest reported cumulative figure on or before D, plus the daily figures
 *   reported for days after that one (up to D); with no cumulative figure, the sum of its daily figures up to D;
 * - for percent metrics (levels such as rates): the latest figure on or before D, whichever its kind.
 * A cumulative figure reported on the same day as a daily one already includes it.
 */
import type { Metric } from "../../campaigns/schema.ts";

export interface Figure {
  day: string;
  kind: "daily" | "cumulative";
  value: number;
}

/** The cumulative figure on `day`, or null when nothing was reported up to then. */
export function cumulativeOn(figures: readonly Figure[], day: string, type: Metric["type"]): number | null {
  let lastCum: Figure | undefined;
  let lastAny: Figure | undefined;
  for (const f of figures) {
    if (f.day > day) continue;
    if (!lastAny || f.day > lastAny.day || (f.day === lastAny.day && f.kind === "cumulative")) lastAny = f;
    if (f.kind === "cumulative" && (!lastCum || f.day >= lastCum.day)) lastCum = f;
  }
  if (!lastAny) return null;
  if (type === "percent") return lastAny.value;
  let total = lastCum?.value ?? 0;
  for (const f of figures) {
    if (f.kind === "daily" && f.day <= day && (!lastCum || f.day > lastCum.day)) total += f.value;
  }
  return total;
}

/**
 * The running figure after one more day's figures (`figures[from..to)`, all of one day), by the rule of
 * `cumulativeOn`: a cumulative figure of the day replaces it (the last one; a daily figure of the same day is
 * already in it), else the day's daily figures add to it; for a percent metric, the day's figure replaces it.
 */
function afterDay(value: number | null, figures: readonly Figure[], from: number, to: number, type: Metric["type"]): number | null {
  let cumulative: number | undefined;
  let firstDaily: number | undefined;
  let dailies = 0;
  for (let i = from; i < to; i++) {
    const f = figures[i]!;
    if (f.kind === "cumulative") cumulative = f.value;
    else {
      firstDaily ??= f.value;
      dailies += f.value;
    }
  }
  if (cumulative !== undefined) return cumulative;
  return type === "percent" ? firstDaily! : (value ?? 0) + dailies;
}

/**
 * `cumulativeOn(figures, day, type)` for each of `days` (in order), in one pass over `figures`, which must be
 * sorted by day (in the order they were reported within a day). Progress rewrites use it: a correction of an old
 * day recomputes months of days.
 */
export function cumulativeOnEach(figures: readonly Figure[], days: readonly string[], type: Metric["type"]): (number | null)[] {
  const out: (number | null)[] = [];
  let value: number | null = null;
  let next = 0;
  for (const day of days) {
    while (next < figures.length && figures[next]!.day <= day) {
      let end = next + 1;
      while (end < figures.length && figures[end]!.day === figures[next]!.day) end++;
      value = afterDay(value, figures, next, end, type);
      next = end;
    }
    out.push(value);
  }
  return out;
}

/** The latest cumulative figure strictly before `day` (to warn when a new running total goes down). */
export function lastCumulativeBefore(figures: readonly Figure[], day: string): Figure | undefined {
  let best: Figure | undefined;
  for (const f of figures) if (f.kind === "cumulative" && f.day < day && (!best || f.day >= best.day)) best = f;
  return best;
}

/** The median of `values` (a unit's usual daily figure, to flag one far above it); null with fewer than 3. */
export function median(values: readonly number[]): number | null {
  if (values.length < 3) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
