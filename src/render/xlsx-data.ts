/**
 * The rows of the leadership export, read in a few set-based queries whatever the campaign's size: the figures
 * that count (one join), the units that reported on each day, and each unit's reporters.
 */
import { and, asc, between, eq, isNotNull } from "drizzle-orm";
import type { Campaign, Metric, Unit } from "../campaigns/schema.ts";
import type { Db } from "../db/client.ts";
import { members, reports, unitReporters } from "../db/schema.ts";
import { addDays, daysBetween, localTime } from "../time.ts";

export interface DailyRow {
  day: string;
  unit: Pick<Unit, "code" | "name" | "level">;
  metric: Pick<Metric, "key" | "label" | "type">;
  kind: "daily" | "cumulative";
  value: number;
  sender: string;
  /** When the report was sent, as the campaign zone's wall clock written in UTC fields (what Excel shows). */
  sentAt: Date;
  late: boolean;
}

export interface MissingRow {
  day: string;
  unit: Unit;
  reporters: string[];
}

/**
 * Shifts instants to the wall clock of `timeZone`, as a Date whose UTC fields read that clock: Excel has no time
 * zones, so a cell shows exactly those fields. The offset is looked up once per hour, not once per row.
 */
export function wallClock(timeZone: string): (ms: number) => Date {
  const offsets = new Map<number, number>();
  return (ms) => {
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const start = hour * 3_600_000;
      const local = localTime(new Date(start), timeZone);
      offset = Date.parse(`${local.day}T00:00:00Z`) + local.minutes * 60_000 - start;
      offsets.set(hour, offset);
    }
    return new Date(ms + offset);
  };
}

/**
 * The figures that count (`report_values.active`) from `from` to `to`, by day, then unit and metric in the
 * campaign file's order, daily before cumulative. A replaced or withdrawn figure is history, not data: the sheet
 * adds up to what progress, leaderboards and summaries show.
 */
export function dailyRows(db: Db, campaign: Campaign, from: string, to: string): DailyRow[] {
  // The hot path of a large export: raw rows (arrays), one numeric sort key, no per-row objects until the end.
  const rows = db.$client
    .prepare(
      `SELECT v.day, v.unit_code, v.metric_key, v.kind, v.value, r.sender_name, r.sent_at, r.late
       FROM report_values v JOIN reports r ON r.id = v.report_id
       WHERE v.campaign_id = ? AND v.active = 1 AND v.day BETWEEN ? AND ?`,
    )
    .raw()
    .all(campaign.id, from, to) as [string, string, string, "daily" | "cumulative", number, string, number, number][];
  // Units and metrics dropped from the campaign file keep their figures, after the known ones.
  const unitIndex = new Map(campaign.units.map((u, i) => [u.code, i]));
  const metricIndex = new Map(campaign.metrics.map((m, i) => [m.key, i]));
  const unitOf = (code: string) => campaign.units[unitIndex.get(code) ?? -1] ?? { code, name: code, level: "" };
  const metricOf = (key: string) => campaign.metrics[metricIndex.get(key) ?? -1] ?? { key, label: key, type: "count" as const };
  const dayIndex = new Map<string, number>();
  const units = unitIndex.size + 1;
  const key = new Float64Array(rows.length);
  rows.forEach(([day, unit, metric, kind], i) => {
    let d = dayIndex.get(day);
    if (d === undefined) dayIndex.set(day, (d = daysBetween(from, day)));
    key[i] = ((d * units + (unitIndex.get(unit) ?? units - 1)) * 1024 + (metricIndex.get(metric) ?? 1023)) * 2 + (kind === "daily" ? 0 : 1);
  });
  const order = Array.from(rows.keys()).sort((a, b) => key[a]! - key[b]!);
  const clock = wallClock(campaign.timezone);
  return order.map((i) => {
    const [day, unit, metric, kind, value, sender, sentAt, late] = rows[i]!;
    return { day, unit: unitOf(unit), metric: metricOf(metric), kind, value, sender, sentAt: clock(sentAt), late: late === 1 };
  });
}

/** Each unit's reporters' names (one query). */
function reportersByUnit(db: Db, campaignId: string): Map<string, string[]> {
  const rows = db
    .select({ unit: unitReporters.unitCode, name: members.displayName })
    .from(unitReporters)
    .innerJoin(members, eq(members.id, unitReporters.memberId))
    .where(eq(unitReporters.campaignId, campaignId))
    .orderBy(asc(unitReporters.createdAt))
    .all();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.unit, [...(out.get(r.unit) ?? []), r.name]);
  return out;
}

/**
 * Every (day, unit) from `from` to `to` without an active report, by day then unit; the campaign's days off are
 * left out (nobody is reminded on them, so nobody is late).
 */
export function missingRows(db: Db, campaign: Campaign, from: string, to: string): MissingRow[] {
  const reported = new Map<string, Set<string>>();
  const rows = db
    .selectDistinct({ day: reports.day, unit: reports.unitCode })
    .from(reports)
    .where(and(eq(reports.campaignId, campaign.id), eq(reports.status, "active"), isNotNull(reports.unitCode), between(reports.day, from, to)))
    .all();
  for (const r of rows) {
    let units = reported.get(r.day);
    if (!units) reported.set(r.day, (units = new Set()));
    units.add(r.unit!);
  }
  const reporters = reportersByUnit(db, campaign.id);
  const off = new Set(campaign.schedule?.daysOff ?? []);
  const out: MissingRow[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    if (off.has(day)) continue;
    const units = reported.get(day);
    for (const unit of campaign.units) if (!units?.has(unit.code)) out.push({ day, unit, reporters: reporters.get(unit.code) ?? [] });
  }
  return out;
}
