/**
 * What the dashboard reads beyond the progress snapshot: who reported on which day (on time or late), and one
 * unit's history (cumulative figures by day, its reports). Each is one query whatever the campaign's size.
 */
import { and, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Campaign } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { storedDay } from "../../db/repos/progress.ts";
import { reports, unitProgress } from "../../db/schema.ts";
import { addDays, zonedInstant } from "../../time.ts";

export type DayMark = "ok" | "late" | "miss" | "wait" | "off";

export interface Calendar {
  days: string[];
  /** unit code → day → mark */
  marks: Map<string, Map<string, DayMark>>;
}

/**
 * The last `span` days up to `today` (never before the campaign's start). A unit is "ok" when one of its active
 * reports for the day was on time, "late" when all were late, "miss" when it sent none and the day's deadline
 * has passed, "wait" before the deadline; days off are "off" when nothing came.
 */
export function reportCalendar(db: Db, campaign: Campaign, today: string, now: Date, span = 14): Calendar {
  const first = [addDays(today, -(span - 1)), campaign.start].sort().at(-1)!;
  const days: string[] = [];
  for (let d = first; d <= today; d = addDays(d, 1)) days.push(d);
  const rows = db
    .select({ unit: reports.unitCode, day: reports.day, late: sql<number>`min(${reports.late})` })
    .from(reports)
    .where(and(eq(reports.campaignId, campaign.id), eq(reports.status, "active"), gte(reports.day, first), lte(reports.day, today)))
    .groupBy(reports.unitCode, reports.day)
    .all();
  const sent = new Map<string, boolean>(rows.filter((r) => r.unit !== null).map((r) => [`${r.unit}|${r.day}`, r.late === 1]));
  const deadline = campaign.schedule?.deadline ?? "17:00";
  const daysOff = new Set(campaign.schedule?.daysOff ?? []);
  const marks = new Map<string, Map<string, DayMark>>();
  for (const u of campaign.units) {
    const byDay = new Map<string, DayMark>();
    for (const d of days) {
      const late = sent.get(`${u.code}|${d}`);
      if (late !== undefined) byDay.set(d, late ? "late" : "ok");
      else if (daysOff.has(d)) byDay.set(d, "off");
      else byDay.set(d, now.getTime() > zonedInstant(d, deadline, campaign.timezone).getTime() ? "miss" : "wait");
    }
    marks.set(u.code, byDay);
  }
  return { days, marks };
}

/** A unit's cumulative figure per metric for each day up to `today`, newest first (at most `span` days). */
export function unitHistory(db: Db, campaign: Campaign, unitCode: string, today: string, span = 30): { day: string; values: Map<string, number> }[] {
  const first = [addDays(today, -(span - 1)), campaign.start].sort().at(-1)!;
  // Days past the last one anyone reported hold that day's figures.
  const last = storedDay(db, campaign.id, today);
  const rows = db
    .select({ day: unitProgress.day, metric: unitProgress.metricKey, value: unitProgress.value })
    .from(unitProgress)
    .where(and(eq(unitProgress.campaignId, campaign.id), eq(unitProgress.unitCode, unitCode), gte(unitProgress.day, first < last ? first : last), lte(unitProgress.day, last)))
    .all();
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    let m = byDay.get(r.day);
    if (!m) byDay.set(r.day, (m = new Map()));
    m.set(r.metric, r.value);
  }
  const out: { day: string; values: Map<string, number> }[] = [];
  for (let d = today; d >= first; d = addDays(d, -1)) out.push({ day: d, values: byDay.get(d > last ? last : d) ?? new Map() });
  return out;
}

export interface UnitReport {
  day: string;
  sentAt: number;
  senderName: string;
  status: string;
  late: boolean;
  rawText: string;
}

/** A unit's latest reports (the text is stored with personal numbers already redacted). */
export function unitReports(db: Db, campaignId: string, unitCode: string, limit = 20): UnitReport[] {
  return db
    .select({ day: reports.day, sentAt: reports.sentAt, senderName: reports.senderName, status: reports.status, late: reports.late, rawText: reports.rawText })
    .from(reports)
    .where(and(eq(reports.campaignId, campaignId), eq(reports.unitCode, unitCode)))
    .orderBy(desc(reports.sentAt), desc(reports.id))
    .limit(limit)
    .all();
}
