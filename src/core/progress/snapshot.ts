/**
 * A campaign's standing on one day: every unit's cumulative figure, target, pace and rank for every metric, and
 * the campaign's totals. A few reads whatever the campaign's size: for each metric shown unit by unit, its
 * cumulative figures of the day, the day before (rank change) and a week before (pace); the other metrics' totals
 * in one aggregate a day; the units that reported on the day.
 */
import type { Campaign, Metric, Phase, Unit } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { unitsReportedOn } from "../../db/repos/reports.ts";
import { storedDay } from "../../db/repos/progress.ts";
import { addDays, daysBetween } from "../../time.ts";
import { competitionRanks, rankOrder } from "./ranking.ts";
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
  metrics: MetricStanding[];
}

/** A day's sum and count of one metric's figures, over every unit with one. */
interface Total {
  sum: number;
  n: number;
}

/** One metric's cumulative figures on one day; the total also counts units no longer in the campaign's list. */
interface Figures extends Total {
  /** Aligned with `campaign.units`; null where the unit has no figure yet. */
  byUnit: (number | null)[];
}

/** The campaign's figure: the sum, or the mean level for percent metrics; null without any figure. */
function campaignFigure(metric: Metric, total: Total): number | null {
  if (total.n === 0) return null;
  return metric.type === "percent" ? total.sum / total.n : total.sum;
}

const positions = new WeakMap<Campaign, Map<string, number>>();

/** Each unit's position in `campaign.units`, by code; built once per campaign. */
function unitPositions(campaign: Campaign): Map<string, number> {
  let index = positions.get(campaign);
  if (!index) positions.set(campaign, (index = new Map(campaign.units.map((u, i) => [u.code, i]))));
  return index;
}

function loadFigures(db: Db, campaign: Campaign, day: string, metricKey: string): Figures {
  // Codes and values as two plucked columns in the same order, from one read transaction: at national scale a
  // metric's day is 10^4 rows, and a row array (or object) per row costs more than the read itself.
  const where = "from unit_progress where campaign_id = ? and day = ? and metric_key = ? order by unit_code";
  const params = [campaign.id, storedDay(db, campaign.id, day), metricKey];
  const [codes, values] = db.$client.transaction((): [string[], number[]] => [
    db.$client.prepare(`select unit_code ${where}`).pluck().all(...params) as string[],
    db.$client.prepare(`select value ${where}`).pluck().all(...params) as number[],
  ])();
  const index = unitPositions(campaign);
  const out: Figures = { byUnit: new Array<number | null>(campaign.units.length).fill(null), sum: 0, n: values.length };
  codes.forEach((code, k) => {
    const i = index.get(code);
    if (i !== undefined) out.byUnit[i] = values[k]!;
    out.sum += values[k]!;
  });
  return out;
}

/** A day's total of one metric, for metrics that need no unit-by-unit standing. */
function loadTotal(db: Db, campaignId: string, day: string, metricKey: string): Total {
  const [sum, n] = db.$client
    .prepare("select coalesce(sum(value), 0), count(*) from unit_progress where campaign_id = ? and day = ? and metric_key = ?")
    .raw()
    .get(campaignId, storedDay(db, campaignId, day), metricKey) as [number, number];
  return { sum, n };
}

/** The day a pace is measured on, the last day that counts, the days left (today included, at least 1). */
export interface PaceDay {
  day: string;
  horizon: string;
  daysLeft: number;
  /** `day` + n days, each computed once: thousands of units share a few projected days. */
  later: (n: number) => string;
}

export function paceDay(day: string, horizon: string): PaceDay {
  const later = new Map<number, string>();
  return {
    day,
    horizon,
    daysLeft: Math.max(daysBetween(day, horizon) + 1, 1),
    later: (n) => later.get(n) ?? later.set(n, addDays(day, n)).get(n)!,
  };
}

/** Pace towards a target; `base` is the figure `window` days ago (0 before the campaign). */
export function pace(metric: Metric, value: number | null, base: number | null, window: number, target: number | null, on: PaceDay): Pace {
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
  const projected = avg7 && avg7 > 0 ? on.later(Math.ceil(remaining / avg7)) : null;
  const standing = projected !== null && projected <= on.horizon ? "onTrack" : "behind";
  return { value, target, ratio, avg7, needed: remaining / on.daysLeft, projected, standing };
}

function scoreOf(metric: Metric, value: number | null, target: number | null): number | null {
  if (value === null) return null;
  if (metric.type === "percent" || target === null || target <= 0) return value;
  return Math.round((value / target) * 1e6) / 1e4; // % of target, rounded so equal shares tie
}

/** Every unit's standing on `metric`, best first: ranked by % of target (or the figure when no target), or by level. */
function unitStandings(campaign: Campaign, metric: Metric, now: Figures, before: Figures, base: Figures, window: number, reported: ReadonlySet<string>, on: PaceDay): UnitStanding[] {
  const units = campaign.units;
  const yesterday = addDays(on.day, -1);
  const targets = units.map((u) => unitTarget(campaign, metric, u, on.day));
  const lowerFirst = metric.type === "percent" && metric.better === "lower";
  const ranks = competitionRanks(units.map((_, i) => scoreOf(metric, now.byUnit[i] ?? null, targets[i] ?? null)), lowerFirst);
  const prevRanks = competitionRanks(units.map((u, i) => scoreOf(metric, before.byUnit[i] ?? null, unitTarget(campaign, metric, u, yesterday))), lowerFirst);
  return rankOrder(ranks).map((i): UnitStanding => {
    const value = now.byUnit[i] ?? null;
    const prev = before.byUnit[i] ?? null;
    // Added to the pace's own object: spreading it into a new one was the costliest step at 10^4 units.
    return Object.assign(pace(metric, value, base.byUnit[i] ?? null, window, targets[i] ?? null, on), {
      unit: units[i]!,
      rank: ranks[i] ?? null,
      prevRank: prevRanks[i] ?? null,
      change: value !== null && prev !== null ? value - prev : null,
      reportedToday: reported.has(units[i]!.code),
    });
  });
}

export interface SnapshotOptions {
  /** The metrics to include (default: all); the others are neither read nor listed. */
  metrics?: readonly string[];
  /**
   * The metrics whose unit-by-unit standings are needed (default: all). The others get their campaign totals only,
   * from one aggregate a day, with `units` empty: at national scale a unit-by-unit metric costs 30,000 rows.
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
  const reportedToday = unitsReportedOn(db, campaign.id, day);
  const horizon = horizonOn(campaign, day);
  const on = paceDay(day, horizon);

  const included = options.metrics ? campaign.metrics.filter((m) => options.metrics!.includes(m.key)) : campaign.metrics;
  const metrics = included.map((metric): MetricStanding => {
    const target = campaignTarget(campaign, metric, day);
    if (!unitsFor.has(metric.key)) {
      const at = (d: string) => campaignFigure(metric, loadTotal(db, campaign.id, d, metric.key));
      return { metric, units: [], ...pace(metric, at(day), at(weekAgo), window, target, on) };
    }
    const figures = new Map(days.map((d) => [d, loadFigures(db, campaign, d, metric.key)]));
    const [now, before, base] = [day, yesterday, weekAgo].map((d) => figures.get(d)!) as [Figures, Figures, Figures];
    const units = unitStandings(campaign, metric, now, before, base, window, reportedToday, on);
    return { metric, units, ...pace(metric, campaignFigure(metric, now), campaignFigure(metric, base), window, target, on) };
  });

  return {
    campaign,
    day,
    dayNo: daysBetween(campaign.start, day) + 1,
    days: daysBetween(campaign.start, campaign.end) + 1,
    phase: phaseOn(campaign, day),
    horizon,
    daysLeft: Math.max(daysBetween(day, horizon) + 1, 0),
    reportedToday,
    metrics,
  };
}
