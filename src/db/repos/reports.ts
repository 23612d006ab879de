/**
 * Reports and their figures. A figure never disappears: an edit marks the old figures of its message as not
 * current, a recall marks the report retracted, and `recomputeActive` decides which single figure counts for
 * each (unit, day, metric, kind): the latest-sent one among current figures of active reports.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { perDb, placeholders, statement } from "../prepared.ts";
import { reports, reportValues } from "../schema.ts";

export type Report = typeof reports.$inferSelect;
export type ReportValue = typeof reportValues.$inferSelect;
export type ReportStatus = Report["status"];
export type NewReport = Omit<typeof reports.$inferInsert, "id" | "createdAt">;
export interface NewValue {
  metricKey: string;
  kind: "daily" | "cumulative";
  value: number;
  source: string;
}

const reportOfMessage = perDb((db) =>
  db
    .select()
    .from(reports)
    .where(and(eq(reports.platform, sql.placeholder("platform")), eq(reports.chatId, sql.placeholder("chatId")), eq(reports.messageId, sql.placeholder("messageId"))))
    .prepare(),
);

export function findReportByMessage(db: Db, platform: string, chatId: string, messageId: string): Report | undefined {
  return reportOfMessage(db).get({ platform, chatId, messageId });
}

export function getReport(db: Db, id: number): Report | undefined {
  return db.select().from(reports).where(eq(reports.id, id)).get();
}

const newReport = perDb((db) =>
  db
    .insert(reports)
    .values(placeholders("campaignId", "unitCode", "day", "platform", "chatId", "messageId", "senderId", "senderName", "memberId", "rawText", "eventKey", "sentAt", "status", "late", "updatedAt"))
    .returning()
    .prepare(),
);

export function insertReport(db: Db, r: Required<NewReport>): Report {
  return newReport(db).get(r)!;
}

export function updateReport(db: Db, id: number, patch: Partial<NewReport>): void {
  db.update(reports).set(patch).where(eq(reports.id, id)).run();
}

/** The figures a report currently carries (not the ones an edit replaced). */
export function currentValues(db: Db, reportId: number): ReportValue[] {
  return db
    .select()
    .from(reportValues)
    .where(and(eq(reportValues.reportId, reportId), eq(reportValues.current, true)))
    .orderBy(reportValues.id)
    .all();
}

const retireValues = perDb((db) =>
  db.update(reportValues).set({ current: false, active: false }).where(eq(reportValues.reportId, sql.placeholder("reportId"))).prepare(),
);

const newValue = perDb((db) =>
  db
    .insert(reportValues)
    .values({ ...placeholders("reportId", "campaignId", "unitCode", "day", "metricKey", "kind", "value", "source"), active: false })
    .prepare(),
);

/** Gives a report a new set of figures; the previous ones stay as history (current = false). */
export function replaceValues(db: Db, report: Report, values: readonly NewValue[]): void {
  retireValues(db).run({ reportId: report.id });
  if (report.unitCode === null) return;
  const { id: reportId, campaignId, unitCode, day } = report;
  for (const v of values) newValue(db).run({ reportId, campaignId, unitCode, day, ...v });
}

export interface ValueKey {
  campaignId: string;
  unitCode: string;
  day: string;
}

const recompute = statement<[ValueKey]>(`
  UPDATE report_values SET active = (
    report_values.id IS (
      SELECT v.id FROM report_values v JOIN reports r ON r.id = v.report_id
      WHERE v.campaign_id = report_values.campaign_id AND v.unit_code = report_values.unit_code
        AND v.day = report_values.day AND v.metric_key = report_values.metric_key AND v.kind = report_values.kind
        AND v.current = 1 AND r.status = 'active'
      ORDER BY r.sent_at DESC, v.id DESC LIMIT 1
    )
  )
  WHERE campaign_id = @campaignId AND unit_code = @unitCode AND day = @day`);

/**
 * Re-decides which figure counts for every (metric, kind) of a unit and day: the current figure of an active
 * report with the latest `sentAt` (then the latest id). Called after every change that touches that unit and day.
 */
export function recomputeActive(db: Db, key: ValueKey): void {
  recompute(db).run(key);
}

/** A figure that counts, as progress arithmetic reads it. */
export type ActiveFigure = Pick<ReportValue, "day" | "kind" | "value">;

/** A unit's figures for one metric in one campaign. */
export interface FigureKey {
  campaignId: string;
  unitCode: string;
  metricKey: string;
}

const FIGURES = "SELECT day, kind, value FROM report_values";
const ACTIVE_OF_UNIT = "campaign_id = @campaignId AND metric_key = @metricKey AND unit_code = @unitCode AND active = 1";

const activeFiguresBetween = statement<[FigureKey & { fromDay: string; untilDay: string }], ActiveFigure>(`
  ${FIGURES} WHERE ${ACTIVE_OF_UNIT} AND day >= @fromDay AND day <= @untilDay ORDER BY day, id`);

/** The active figures of a unit for one metric from `fromDay` to `untilDay`, oldest day first. */
export function activeValuesBetween(db: Db, key: FigureKey, fromDay: string, untilDay: string): ActiveFigure[] {
  return activeFiguresBetween(db).all({ ...key, fromDay, untilDay });
}

const firstFreshStart = statement<[FigureKey & { afterDay: string; untilDay: string; anyKind: 0 | 1 }], string | null>(`
  SELECT min(day) FROM report_values WHERE ${ACTIVE_OF_UNIT} AND day > @afterDay AND day <= @untilDay AND (kind = 'cumulative' OR @anyKind)`);

/**
 * The first day after `afterDay` (up to `untilDay`) on which a unit's figure for a metric starts afresh: its
 * first running total, or with `anyKind` (a percent metric) its first figure of either kind. Progress from that
 * day on does not depend on any figure before it.
 */
export function nextFreshStart(db: Db, key: FigureKey, afterDay: string, untilDay: string, anyKind: boolean): string | null {
  return firstFreshStart(db).pluck().get({ ...key, afterDay, untilDay, anyKind: anyKind ? 1 : 0 }) ?? null;
}

const activeDailyFigures = statement<[FigureKey & { day: string; except: number | null }], number>(`
  SELECT value FROM report_values WHERE ${ACTIVE_OF_UNIT} AND kind = 'daily' AND report_id IS NOT @except AND day != @day`);

/**
 * The values of a unit's active daily figures for one metric, in no order, leaving out `day` and report
 * `except` (what the outlier check compares a new figure with). Plain numbers, read from the index alone.
 */
export function activeDailyValues(db: Db, key: FigureKey, day: string, except?: number): number[] {
  return activeDailyFigures(db).pluck().all({ ...key, day, except: except ?? null });
}

const CUMULATIVE_NOT_EXCEPT = `${ACTIVE_OF_UNIT} AND kind = 'cumulative' AND report_id IS NOT @except`;
const lastCumulativeFigures = statement<[FigureKey & { day: string; except: number | null }], ActiveFigure>(`
  ${FIGURES} WHERE ${CUMULATIVE_NOT_EXCEPT}
    AND day = (SELECT day FROM report_values WHERE ${CUMULATIVE_NOT_EXCEPT} AND day < @day ORDER BY day DESC LIMIT 1)
  ORDER BY id`);

/**
 * The active cumulative figures of a unit for one metric on the last day before `day` that has one (all that
 * `lastCumulativeBefore` can choose from), leaving out those of report `except`.
 */
export function lastActiveCumulatives(db: Db, key: FigureKey, day: string, except?: number): ActiveFigure[] {
  return lastCumulativeFigures(db).all({ ...key, day, except: except ?? null });
}

/** A member's reports in a campaign on one day, newest first. */
export function memberReportsOfDay(db: Db, memberId: number, campaignId: string, day: string): Report[] {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.memberId, memberId), eq(reports.campaignId, campaignId), eq(reports.day, day)))
    .orderBy(desc(reports.sentAt), desc(reports.id))
    .all();
}

/** The member's latest report that still counts. */
export function lastActiveReportOf(db: Db, memberId: number, campaignId: string): Report | undefined {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.memberId, memberId), eq(reports.campaignId, campaignId), eq(reports.status, "active")))
    .orderBy(desc(reports.sentAt), desc(reports.id))
    .get();
}

/** Pending reports of a sender in one chat (to be assigned with /gan). */
export function pendingReportsOf(db: Db, platform: string, senderId: string): Report[] {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.platform, platform), eq(reports.senderId, senderId), eq(reports.status, "pending")))
    .orderBy(reports.sentAt)
    .all();
}

/** Units with at least one active report on `day`. */
export function unitsReportedOn(db: Db, campaignId: string, day: string): Set<string> {
  // One plucked column from the covering index: at national scale that is 10^4 codes, and row objects cost more than the read.
  const codes = db.$client
    .prepare("select distinct unit_code from reports where campaign_id = ? and day = ? and status = 'active' and unit_code is not null and unit_code != ''")
    .pluck()
    .all(campaignId, day) as string[];
  return new Set(codes);
}

export function reportsByIds(db: Db, ids: number[]): Report[] {
  return ids.length ? db.select().from(reports).where(inArray(reports.id, ids)).all() : [];
}

/** The last day each of `units` reported on or before `day` (units that never reported are absent). */
export function lastReportDays(db: Db, campaignId: string, units: readonly string[], day: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < units.length; i += 500) {
    const rows = db
      .select({ unit: reports.unitCode, last: sql<string>`max(${reports.day})` })
      .from(reports)
      .where(and(eq(reports.campaignId, campaignId), eq(reports.status, "active"), inArray(reports.unitCode, units.slice(i, i + 500)), sql`${reports.day} <= ${day}`))
      .groupBy(reports.unitCode)
      .all();
    for (const r of rows) out.set(r.unit!, r.last);
  }
  return out;
}
