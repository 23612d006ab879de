/**
 * A campaign's standing on one day: every unit's cumulative figure, target, pace and rank for every metric, and
 * the campaign's totals. Three reads whatever the campaign's size: the cumulative figures of the day, the day
 * before (rank change) and a week before (pace), and the units that reported on the day and the day before.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Campaign, Metric, Phase, Unit } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { reports } from "../../db/schema.ts";
import { addDays, daysBetween } from "../../time.ts";
import { campaignTarget, horizonOn, phaseOn, unitTarget } from "./targets.ts";

export type Standing = "done" | "onTrack" | "behind" | "noTarget" | "noReport";

export interface Pace {
  value: number | null;
  target: number | null;
  /** % of target for counts and money; the level itself for percent metrics. */
  ratio: number | null;
  /** Average daily increase over the last 7 days (fewer at the campaign's start). */
  avg7: number | null;
  /** Daily increase still needed to reach the target by the phase's end (today included). */
  needed: number | null;
  /** The day the target is reached at the current pace, when it is not reached yet. */
  projected: string | null;
  standing: Standing;
}

export interface UnitStanding extends Pace {
  unit: Unit;
  rank: number | null;
  prevRank: number | null;
  /** Increase since the day before (null when unknown). */
  change: number | null;
  reportedToday: boolean;
}

export interface MetricStanding extends Pace {
  metric: Metric;
  /** Best first; units without a figure last, unranked. */
  units: UnitStanding[];
}

export interface CampaignSnapshot {
  campaign: Campaign;
  day: string;
  dayNo: number;
  days: number;
  phase: Phase | undefined;
  /** The phase's (or campaign's) last day and the days left including today. */
  horizon: string;
  daysLeft: number;
  reportedToday: ReadonlySet<string>;
  reportedYesterday: ReadonlySet<string>;
  metrics: MetricStanding[];
}

type Values = Map<string, Map<string, number>>; // metric → unit → value

const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

function loadValues(db: Db, campaignId: string, days: string[], metricKeys: readonly string[]): Map<string, Values> {
  const out = new Map<string, Values>(days.map((d) => [d, new Map()]));
  if (metricKeys.length === 0) return out;
  // Raw rows from the covering index: at national scale this is 10^5 rows, and row objects cost more than the read.
  const stmt = db.$client
    .prepare(`select day, metric_key, unit_code, value from unit_progress where campaign_id = ? and day in (${marks(days.length)}) and metric_key in (${marks(metricKeys.length)})`)
    .raw();
  for (const [day, metric, unit, value] of stmt.iterate(campaignId, ...days, ...metricKeys) as Iterable<[string, string, string, number]>) {
    const byMetric = out.get(day)!;
    let byUnit = byMetric.get(metric);
    if (!byUnit) byMetric.set(metric, (byUnit = new Map()));
    byUnit.set(unit, value);
  }
  return out;
}

/** Per day and metric: the sum and count of units' figures, for totals that need no unit-by-unit standing. */
function loadTotals(db: Db, campaignId: string, days: string[]): Map<string, { sum: number; n: number }> {
  const out = new Map<string, { sum: number; n: number }>();
  const stmt = db.$client
    .prepare(`select day, metric_key, sum(value), count(*) from unit_progress where campaign_id = ? and day in (${marks(days.length)}) group by day, metric_key`)
    .raw();
  for (const [day, metric, sum, n] of stmt.iterate(campaignId, ...days) as Iterable<[string, string, number, number]>) out.set(`${day}|${metric}`, { sum, n });
  return out;
}

function reportedOn(db: Db, campaignId: string, days: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>(days.map((d) => [d, new Set()]));
  const rows = db
    .selectDistinct({ day: reports.day, unit: reports.unitCode })
    .from(reports)
    .where(and(eq(reports.campaignId, campaignId), inArray(reports.day, days), eq(reports.status, "active"), sql`${reports.unitCode} is not null`))
    .all();
  for (const r of rows) out.get(r.day)!.add(r.unit!);
  return out;
}

/** Pace towards a target; `base` is the figure `window` days ago (0 before the campaign). */
export function pace(metric: Metric, value: number | null, base: number | null, window: number, target: number | null, day: string, horizon: string): Pace {
  const daysLeft = Math.max(daysBetween(day, horizon) + 1, 1);
  if (value === null) return { value, target, ratio: null, avg7: null, needed: null, projected: null, standing: "noReport" };
  if (metric.type === "percent") {
    const ok = target === null ? null : metric.better === "lower" ? value <= target : value >= target;
    return { value, target, ratio: value, avg7: null, needed: null, projected: null, standing: ok === null ? "noTarget" : ok ? "done" : "behind" };
  }
  const avg7 = window > 0 ? (value - (base ?? 0)) / window : null;
  if (target === null || target <= 0) return { value, target, ratio: null, avg7, needed: null, projected: null, standing: "noTarget" };
  const ratio = (value / target) * 100;
  if (value >= target) return { value, target, ratio, avg7, needed: 0, projected: null, standing: "done" };
  const remaining = target - value;
  const projected = avg7 && avg7 > 0 ? addDays(day, Math.ceil(remaining / avg7)) : null;
  const standing = projected !== null && projected <= horizon ? "onTrack" : "behind";
  return { value, target, ratio, avg7, needed: remaining / daysLeft, projected, standing };
}

/** Competition ranking ("1, 1, 3"): best first by % of target (or the figure when no target), or by level. */
function rank(metric: Metric, scores: Map<string, number>): Map<string, number> {
  const sign = metric.type === "percent" && metric.better === "lower" ? 1 : -1;
  const sorted = [...scores.entries()].sort((a, b) => sign * (a[1] - b[1]));
  const ranks = new Map<string, number>();
  sorted.forEach(([unit, score], i) => {
    const prev = sorted[i - 1];
    ranks.set(unit, prev && prev[1] === score ? ranks.get(prev[0])! : i + 1);
  });
  return ranks;
}

function scoreOf(metric: Metric, value: number | undefined, target: number | null): number | undefined {
  if (value === undefined) return undefined;
  if (metric.type === "percent" || target === null || target <= 0) return value;
  return Math.round((value / target) * 1e6) / 1e4; // % of target, rounded so equal shares tie
}

export interface SnapshotOptions {
  /**
   * The metrics whose unit-by-unit standings are needed (default: all). The others get their campaign totals only,
   * from one grouped query, with `units` empty: at national scale a unit-by-unit metric costs 30,000 rows.
   */
  unitsFor?: readonly string[];
  /** Read the figures of a week ago for the pace (7-day average, projection, standing); default true. */
  pace?: boolean;
}

export function campaignSnapshot(db: Db, campaign: Campaign, day: string, options: SnapshotOptions = {}): CampaignSnapshot {
  const window = options.pace === false ? 1 : Math.min(7, Math.max(daysBetween(campaign.start, day) + 1, 0));
  const yesterday = addDays(day, -1);
  // Without the pace, the average is over one day (yesterday, read anyway for rank changes): nothing more is read.
  const weekAgo = options.pace === false ? yesterday : addDays(day, -window);
  const unitsFor = new Set(options.unitsFor ?? campaign.metrics.map((m) => m.key));
  const days = [...new Set([day, yesterday, weekAgo])];
  const values = loadValues(db, campaign.id, days, [...unitsFor]);
  const totals = unitsFor.size < campaign.metrics.length ? loadTotals(db, campaign.id, days) : new Map<string, { sum: number; n: number }>();
  const reported = reportedOn(db, campaign.id, [day, yesterday]);
  const horizon = horizonOn(campaign, day);

  const metrics = campaign.metrics.map((metric): MetricStanding => {
    if (!unitsFor.has(metric.key)) {
      const at = (d: string) => {
        const t = totals.get(`${d}|${metric.key}`);
        return t ? (metric.type === "percent" ? t.sum / t.n : t.sum) : null;
      };
      return { metric, units: [], ...pace(metric, at(day), at(weekAgo), window, campaignTarget(campaign, metric, day), day, horizon) };
    }
    const now = values.get(day)!.get(metric.key) ?? new Map<string, number>();
    const before = values.get(yesterday)!.get(metric.key) ?? new Map<string, number>();
    const base = values.get(weekAgo)!.get(metric.key) ?? new Map<string, number>();
    const targets = new Map(campaign.units.map((u) => [u.code, unitTarget(campaign, metric, u, day)]));
    const scoresNow = new Map<string, number>();
    const scoresBefore = new Map<string, number>();
    for (const u of campaign.units) {
      const s = scoreOf(metric, now.get(u.code), targets.get(u.code)!);
      if (s !== undefined) scoresNow.set(u.code, s);
      const p = scoreOf(metric, before.get(u.code), unitTarget(campaign, metric, u, yesterday));
      if (p !== undefined) scoresBefore.set(u.code, p);
    }
    const ranks = rank(metric, scoresNow);
    const prevRanks = rank(metric, scoresBefore);
    const units = campaign.units
      .map((unit): UnitStanding => ({
        unit,
        ...pace(metric, now.get(unit.code) ?? null, base.get(unit.code) ?? null, window, targets.get(unit.code)!, day, horizon),
        rank: ranks.get(unit.code) ?? null,
        prevRank: prevRanks.get(unit.code) ?? null,
        change: now.has(unit.code) && before.has(unit.code) ? now.get(unit.code)! - before.get(unit.code)! : null,
        reportedToday: reported.get(day)!.has(unit.code),
      }))
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));

    const sum = (m: Map<string, number>) => (m.size === 0 ? null : [...m.values()].reduce((s, v) => s + v, 0));
    const mean = (m: Map<string, number>) => (m.size === 0 ? null : (sum(m) ?? 0) / m.size);
    const total = metric.type === "percent" ? mean(now) : sum(now);
    const totalBase = metric.type === "percent" ? mean(base) : sum(base);
    return { metric, units, ...pace(metric, total, totalBase, window, campaignTarget(campaign, metric, day), day, horizon) };
  });

  return {
    campaign,
    day,
    dayNo: daysBetween(campaign.start, day) + 1,
    days: daysBetween(campaign.start, campaign.end) + 1,
    phase: phaseOn(campaign, day),
    horizon,
    daysLeft: Math.max(daysBetween(day, horizon) + 1, 0),
    reportedToday: reported.get(day)!,
    reportedYesterday: reported.get(yesterday)!,
    metrics,
  };
}
