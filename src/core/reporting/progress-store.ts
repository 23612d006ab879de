/**
 * Keeps `unit_progress` in step with the figures: after any change to a unit's figures on a day, the figure that
 * counts is re-decided and the unit's cumulative figures are rewritten from that day to the campaign's end.
 */
import { and, eq, gte, inArray } from "drizzle-orm";
import type { Campaign } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { activeValuesOfUnit, recomputeActive } from "../../db/repos/reports.ts";
import { unitProgress } from "../../db/schema.ts";
import { addDays } from "../../time.ts";
import { cumulativeOn } from "../progress/arithmetic.ts";

/**
 * Rewrites the unit's cumulative figures from `fromDay` on, for `metricKeys` (every metric when absent).
 * Call inside a transaction.
 */
export function refreshUnitProgress(db: Db, campaign: Campaign, unitCode: string, fromDay: string, metricKeys?: readonly string[]): void {
  const start = fromDay < campaign.start ? campaign.start : fromDay;
  const metrics = metricKeys ? campaign.metrics.filter((m) => metricKeys.includes(m.key)) : campaign.metrics;
  if (metrics.length === 0) return;
  db.delete(unitProgress)
    .where(
      and(
        eq(unitProgress.campaignId, campaign.id),
        eq(unitProgress.unitCode, unitCode),
        gte(unitProgress.day, start),
        inArray(unitProgress.metricKey, metrics.map((m) => m.key)),
      ),
    )
    .run();
  const rows: (typeof unitProgress.$inferInsert)[] = [];
  for (const metric of metrics) {
    const figures = activeValuesOfUnit(db, campaign.id, unitCode, metric.key);
    if (figures.length === 0) continue;
    for (let day = start; day <= campaign.end; day = addDays(day, 1)) {
      const value = cumulativeOn(figures, day, metric.type);
      if (value !== null) rows.push({ campaignId: campaign.id, day, metricKey: metric.key, unitCode, value });
    }
  }
  // SQLite limits bound parameters per statement; 5 columns × 150 rows stays well inside it.
  for (let i = 0; i < rows.length; i += 150) db.insert(unitProgress).values(rows.slice(i, i + 150)).run();
}

/**
 * After a unit's figures on `day` changed: decide which figures count, then refresh its progress for the metrics
 * that changed (`metricKeys`; every metric when absent).
 */
export function figuresChanged(db: Db, campaign: Campaign, unitCode: string, day: string, metricKeys?: readonly string[]): void {
  recomputeActive(db, { campaignId: campaign.id, unitCode, day });
  refreshUnitProgress(db, campaign, unitCode, day, metricKeys);
}
