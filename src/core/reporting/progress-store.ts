/**
 * Keeps `unit_progress` in step with the figures: after any change to a unit's figures on a day, the figure that
 * counts is re-decided and the unit's cumulative figures are rewritten from that day on.
 *
 * Rows are stored up to the campaign's *frontier*, the last day a change of figures was for (it only moves
 * forward), not to the campaign's end: every day up to the frontier holds a row for every unit and metric with a
 * figure on or before it, and a day past it holds what the frontier holds (`storedDay`). So today's report
 * rewrites one row per metric, not one per day left in the campaign; when a report moves the frontier forward,
 * the days in between are carried over first.
 */
import type { Campaign, Metric } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { statement } from "../../db/prepared.ts";
import { progressFrontier } from "../../db/repos/progress.ts";
import { activeValuesBetween, nextFreshStart, recomputeActive, type ActiveFigure } from "../../db/repos/reports.ts";
import { addDays, daysBetween } from "../../time.ts";
import { cumulativeOnEach } from "../progress/arithmetic.ts";

/** Writes `{ day: value }` (a JSON object) for one unit and metric; rows that already hold the value are left alone. */
const upsertProgress = statement<[string, string, string, string]>(`
  INSERT INTO unit_progress (campaign_id, day, metric_key, unit_code, value)
  SELECT ?, key, ?, ?, value FROM json_each(?) WHERE true
  ON CONFLICT DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value`);

/** Removes a unit's figures for one metric on days [from, until): days before anything was reported. */
const clearProgress = statement<[string, string, string, string, string]>(`
  DELETE FROM unit_progress WHERE campaign_id = ? AND metric_key = ? AND unit_code = ? AND day >= ? AND day < ?`);

const storedValue = statement<[string, string, string, string], number | undefined>(
  "SELECT value FROM unit_progress WHERE campaign_id = ? AND day = ? AND metric_key = ? AND unit_code = ?",
);

/**
 * What progress from `start` to `until` depends on: the figures of those days, after the unit's stored figure of
 * the day before (unchanged by them) as a running total. `cumulativeOn` gives the same on them, for those days,
 * as on the whole history.
 */
function figuresFrom(db: Db, campaign: Campaign, unitCode: string, metricKey: string, start: string, until: string): ActiveFigure[] {
  const figures = activeValuesBetween(db, { campaignId: campaign.id, unitCode, metricKey }, start, until);
  const before = addDays(start, -1);
  const base = start > campaign.start ? storedValue(db).pluck().get(campaign.id, before, metricKey, unitCode) : undefined;
  return base === undefined ? figures : [{ day: before, kind: "cumulative", value: base }, ...figures];
}

/** Copies the frontier's rows to a later day (nobody had figures in between). */
const carryOver = statement<[string, string, string]>(`
  INSERT INTO unit_progress (campaign_id, day, metric_key, unit_code, value)
  SELECT campaign_id, ?, metric_key, unit_code, value FROM unit_progress WHERE campaign_id = ? AND day = ?`);

/** Moves the frontier forward to `day`, carrying every unit's figures over the days in between. */
function advanceFrontier(db: Db, campaign: Campaign, frontier: string | null, day: string): void {
  if (frontier === null) return;
  for (let d = addDays(frontier, 1); d <= day; d = addDays(d, 1)) carryOver(db).run(d, campaign.id, frontier);
}

const daysOfCampaign = new WeakMap<Campaign, string[]>();

/** Every day of the campaign, first to last (worked out once per campaign). */
function campaignDays(campaign: Campaign): string[] {
  let days = daysOfCampaign.get(campaign);
  if (!days) {
    days = [];
    for (let day = campaign.start; day <= campaign.end; day = addDays(day, 1)) days.push(day);
    daysOfCampaign.set(campaign, days);
  }
  return days;
}

/**
 * The cumulative figure of every day from `start` to `until` that has one: `cumulativeOnEach` over those days of
 * the campaign.
 */
function progressByDay(figures: readonly ActiveFigure[], campaign: Campaign, start: string, until: string, type: Metric["type"]): Record<string, number> {
  const all = campaignDays(campaign);
  const days = all.slice(daysBetween(campaign.start, start), daysBetween(campaign.start, until) + 1);
  const values = cumulativeOnEach(figures, days, type);
  const out: Record<string, number> = {};
  days.forEach((day, i) => {
    if (values[i] !== null) out[day] = values[i]!;
  });
  return out;
}

/**
 * Rewrites the unit's cumulative figures from `fromDay` to the frontier (moved to `fromDay` first when it is
 * behind), for `metricKeys` (every metric when absent). Call inside a transaction.
 */
export function refreshUnitProgress(db: Db, campaign: Campaign, unitCode: string, fromDay: string, metricKeys?: readonly string[]): void {
  const start = fromDay < campaign.start ? campaign.start : fromDay;
  const metrics = metricKeys ? campaign.metrics.filter((m) => metricKeys.includes(m.key)) : campaign.metrics;
  // A report with no figures (pending, refused) changes nothing and must not move the frontier either.
  if (metrics.length === 0) return;
  const frontier = progressFrontier(db, campaign.id);
  const until = frontier !== null && frontier > start ? frontier : start;
  advanceFrontier(db, campaign, frontier, until);
  for (const metric of metrics) {
    // A change on `start` reaches up to the day before the next running total (a percent metric: the next
    // figure), which starts afresh; the days from there on stay as they are.
    const key = { campaignId: campaign.id, unitCode, metricKey: metric.key };
    const fresh = nextFreshStart(db, key, start, until, metric.type === "percent");
    const stop = fresh === null ? until : addDays(fresh, -1);
    const byDay = progressByDay(figuresFrom(db, campaign, unitCode, metric.key, start, stop), campaign, start, stop, metric.type);
    const first = Object.keys(byDay)[0] ?? addDays(stop, 1);
    if (first > start) clearProgress(db).run(campaign.id, metric.key, unitCode, start, first);
    upsertProgress(db).run(campaign.id, metric.key, unitCode, JSON.stringify(byDay));
  }
}

/**
 * After a unit's figures on `day` changed: decide which figures count, then refresh its progress for the metrics
 * that changed (`metricKeys`; every metric when absent).
 */
export function figuresChanged(db: Db, campaign: Campaign, unitCode: string, day: string, metricKeys?: readonly string[]): void {
  recomputeActive(db, { campaignId: campaign.id, unitCode, day });
  refreshUnitProgress(db, campaign, unitCode, day, metricKeys);
}
