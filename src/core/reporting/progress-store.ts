/**
 * Keeps `unit_progress` in step with the figures: after any change to a unit's figures on a day, the figure that
 * counts is re-decided and the unit's cumulative figures are rewritten from that day to the campaign's end.
 */
import type { Campaign, Metric } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { statement } from "../../db/prepared.ts";
import { activeValuesOfUnit, recomputeActive, type ActiveFigure } from "../../db/repos/reports.ts";
import { addDays } from "../../time.ts";
import { cumulativeOn } from "../progress/arithmetic.ts";

/** Writes `{ day: value }` (a JSON object) for one unit and metric; rows that already hold the value are left alone. */
const upsertProgress = statement<[string, string, string, string]>(`
  INSERT INTO unit_progress (campaign_id, day, metric_key, unit_code, value)
  SELECT ?, key, ?, ?, value FROM json_each(?) WHERE true
  ON CONFLICT DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value`);

/** Removes a unit's figures for one metric on days [from, until): days before anything was reported. */
const clearProgress = statement<[string, string, string, string, string]>(`
  DELETE FROM unit_progress WHERE campaign_id = ? AND metric_key = ? AND unit_code = ? AND day >= ? AND day < ?`);

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
 * The cumulative figure of every day of the campaign from `start` on that has one. It only changes on a day with
 * a figure, so `cumulativeOn` runs on those days and carries forward in between.
 */
function progressByDay(figures: readonly ActiveFigure[], campaign: Campaign, start: string, type: Metric["type"]): Record<string, number> {
  const changes = new Set(figures.map((f) => f.day));
  const out: Record<string, number> = {};
  let value: number | null = null;
  for (const day of campaignDays(campaign)) {
    if (day < start) continue;
    if (day === start || changes.has(day)) value = cumulativeOn(figures, day, type);
    if (value !== null) out[day] = value;
  }
  return out;
}

/**
 * Rewrites the unit's cumulative figures from `fromDay` on, for `metricKeys` (every metric when absent).
 * Call inside a transaction.
 */
export function refreshUnitProgress(db: Db, campaign: Campaign, unitCode: string, fromDay: string, metricKeys?: readonly string[]): void {
  const start = fromDay < campaign.start ? campaign.start : fromDay;
  const metrics = metricKeys ? campaign.metrics.filter((m) => metricKeys.includes(m.key)) : campaign.metrics;
  const afterEnd = addDays(campaign.end, 1);
  for (const metric of metrics) {
    const byDay = progressByDay(activeValuesOfUnit(db, { campaignId: campaign.id, unitCode, metricKey: metric.key }, start), campaign, start, metric.type);
    const first = Object.keys(byDay)[0] ?? afterEnd;
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
