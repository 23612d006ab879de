/**
 * Report ingestion: every message the parser calls a report, in a bound reports group (or a reporter's private
 * chat), is stored against its unit and day. Re-deliveries change nothing; edits replace their own report;
 * figures for someone else's unit are refused and kept for audit; reports from people who are not reporters yet
 * are kept as pending until an admin assigns them.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { claimNotice } from "../../db/repos/events.ts";
import {
  activeDailyValues,
  currentValues,
  findReportByMessage,
  insertReport,
  lastActiveCumulatives,
  replaceValues,
  updateReport,
  type NewValue,
  type Report,
} from "../../db/repos/reports.ts";
import { parseReport, type ParseResult } from "../../parsing/index.ts";
import { addDays, clockMinutes, localTime, shortDay, zonedInstant } from "../../time.ts";
import type { Ctx } from "../context.ts";
import { eventKey } from "../handle-message.ts";
import { lastCumulativeBefore, median } from "../progress/arithmetic.ts";
import type { Reply } from "../types.ts";
import { figuresChanged } from "./progress-store.ts";
import { acknowledge, attentionFromWarnings, type Attention } from "./acknowledge.ts";

/** A figure more than this many times the unit's median daily figure is echoed back for checking. */
const OUTLIER_FACTOR = 5;

/** The day a report counts for: the day it names, else the message's day, or the day before before the cut-off. */
export function reportDay(parsed: ParseResult, sentAt: Date, campaign: Campaign): string {
  const local = localTime(sentAt, campaign.timezone);
  if (parsed.dateExplicit && parsed.date) return parsed.date;
  return local.minutes < clockMinutes(campaign.cutoff) ? addDays(local.day, -1) : local.day;
}

/** Late when sent after the deadline of the day it counts for. */
export function isLate(day: string, sentAt: Date, campaign: Campaign): boolean {
  return sentAt.getTime() > zonedInstant(day, campaign.schedule?.deadline ?? "17:00", campaign.timezone).getTime();
}

function figuresOf(parsed: ParseResult): NewValue[] {
  // One figure per metric and kind: if a message repeats one, the last mention wins, as a reader would take it.
  const byKey = new Map<string, NewValue>();
  for (const v of parsed.values) byKey.set(`${v.metric}:${v.kind}`, { metricKey: v.metric, kind: v.kind, value: v.value, source: v.source });
  return [...byKey.values()];
}

/** Checks a careful secretary would make before writing a figure down. */
function sanityChecks(ctx: Ctx, campaign: Campaign, unitCode: string, day: string, figures: readonly NewValue[], own?: Report): Attention[] {
  const out: Attention[] = [];
  for (const f of figures) {
    const metric = campaign.metrics.find((m) => m.key === f.metricKey);
    if (!metric) continue;
    if (metric.type === "percent" && f.value > 100) out.push({ code: "percentOver100", values: { label: metric.label } });
    if (metric.type === "percent") continue;
    const key = { campaignId: campaign.id, unitCode, metricKey: f.metricKey };
    if (f.kind === "cumulative") {
      const last = lastCumulativeBefore(lastActiveCumulatives(ctx.deps.db, key, day, own?.id), day);
      if (last && f.value < last.value)
        out.push({ code: "cumulativeDown", values: { label: metric.label, last: last.value.toLocaleString("vi-VN"), day: shortDay(last.day) } });
    } else {
      const usual = median(activeDailyValues(ctx.deps.db, key, day, own?.id));
      if (usual !== null && usual > 0 && f.value > OUTLIER_FACTOR * usual)
        out.push({ code: "outlier", values: { label: metric.label, median: Math.round(usual).toLocaleString("vi-VN") } });
    }
  }
  return out;
}

export interface IngestOutcome {
  replies: Reply[];
  report?: Report;
}

/**
 * Stores one parsed report. `existing` is the report this message already made (an edit or a re-delivery).
 * Everything for one message happens in one transaction. With `replay`, the stored report is left alone and only
 * its answer is made again.
 */
export function ingestParsed(ctx: Ctx, campaign: Campaign, parsed: ParseResult, existing: Report | undefined, replay = false): IngestOutcome {
  const { msg, t, deps } = ctx;
  const db = deps.db;
  const day = reportDay(parsed, msg.date, campaign);
  if (day < campaign.start || day > campaign.end) {
    if (existing) retractReport(ctx.deps.db, campaign, existing);
    return { replies: [{ text: t("reporting:outsideDates", { day: shortDay(day, true), start: shortDay(campaign.start, true), end: shortDay(campaign.end, true) }), replyTo: msg.messageId }] };
  }
  const myUnits = ctx.units.filter((u) => u.campaignId === campaign.id).map((u) => u.unitCode);
  const unitCode = parsed.unit;
  const base = {
    campaignId: campaign.id,
    day,
    platform: msg.platform,
    chatId: msg.chatId,
    messageId: msg.messageId,
    senderId: msg.senderId,
    senderName: msg.senderName,
    memberId: ctx.member.id,
    rawText: msg.text,
    eventKey: eventKey(msg),
    sentAt: msg.date.getTime(),
    updatedAt: Date.now(),
    late: isLate(day, msg.date, campaign),
  };

  const save = (status: Report["status"], unit: string | null, figures: NewValue[]): Report => {
    if (replay && existing) return existing;
    return db.transaction(() => {
      let report: Report;
      if (existing) {
        updateReport(db, existing.id, { ...base, unitCode: unit, status });
        report = { ...existing, ...base, unitCode: unit, status };
      } else {
        report = insertReport(db, { ...base, unitCode: unit, status });
      }
      // Only the metrics this message had or has now need their progress rewritten.
      const before = existing ? currentValues(db, existing.id).map((v) => v.metricKey) : [];
      replaceValues(db, report, status === "active" ? figures : []);
      const touched = [...new Set([...before, ...figures.map((f) => f.metricKey)])];
      if (existing?.unitCode && (existing.unitCode !== unit || existing.day !== day))
        figuresChanged(db, campaign, existing.unitCode, existing.day, touched);
      if (unit) figuresChanged(db, campaign, unit, day, touched);
      return report;
    });
  };

  // Not a reporter of this campaign yet: keep it, tell him once a day how to register.
  if (myUnits.length === 0) {
    const report = save("pending", unitCode, []);
    const hint = claimNotice(db, `${msg.platform}:${msg.senderId}`, "register-hint", day);
    return { report, replies: hint ? [{ text: t("reporting:notRegistered", { name: msg.senderName }), replyTo: msg.messageId }] : [] };
  }
  if (!unitCode) {
    const report = save("pending", null, []);
    const units = myUnits.map((c) => campaign.units.find((u) => u.code === c)?.name ?? c).join(", ");
    return { report, replies: [{ text: t("reporting:whichUnit", { units }), replyTo: msg.messageId }] };
  }
  const unit = campaign.units.find((u) => u.code === unitCode);
  if (!myUnits.includes(unitCode)) {
    const report = save("refused", unitCode, []);
    const mine = myUnits.map((c) => campaign.units.find((u) => u.code === c)?.name ?? c).join(", ");
    return { report, replies: [{ text: t("reporting:notYourUnit", { unit: unit?.name ?? unitCode, mine }), replyTo: msg.messageId }] };
  }

  const figures = figuresOf(parsed);
  const attention = [...attentionFromWarnings(parsed.warnings, ctx), ...sanityChecks(ctx, campaign, unitCode, day, figures, existing)];
  const report = save("active", unitCode, figures);
  return { report, replies: acknowledge(ctx, campaign, { unitName: unit?.name ?? unitCode, day, figures, late: report.late }, attention) };
}

/** Marks a report retracted; the figures it replaced count again. */
export function retractReport(db: Db, campaign: Campaign, report: Report): void {
  db.transaction(() => {
    updateReport(db, report.id, { status: "retracted", updatedAt: Date.now() });
    if (report.unitCode) figuresChanged(db, campaign, report.unitCode, report.day, currentValues(db, report.id).map((v) => v.metricKey));
  });
}

/**
 * Counts a report that was kept pending (its sender was not a reporter yet) once an admin has assigned the sender
 * to `unitCode`: it is read again as if that unit had sent it. `ctx` is the sender's context.
 */
export function activatePending(ctx: Ctx, campaign: Campaign, report: Report): IngestOutcome {
  const msg = { ...ctx.msg, chatId: report.chatId, messageId: report.messageId, text: report.rawText, date: new Date(report.sentAt) };
  const senderCtx: Ctx = { ...ctx, msg };
  const mine = ctx.units.filter((u) => u.campaignId === campaign.id);
  const parsed = parseReport(report.rawText, { campaign, messageDate: msg.date, senderUnit: mine.length === 1 ? mine[0]!.unitCode : null });
  if (!parsed.isReport) return { replies: [] };
  return ingestParsed(senderCtx, campaign, parsed, report);
}

/** The listener the core calls for messages that are not commands. */
export function reportListener(ctx: Ctx): Reply[] | null {
  const { msg, campaign, binding } = ctx;
  if (!campaign) return null;
  const mine = ctx.units.filter((u) => u.campaignId === campaign.id);
  const inReportsGroup = msg.chatType === "group" && binding?.purpose === "reports";
  const reporterInPrivate = msg.chatType === "private" && mine.length > 0;
  if (!inReportsGroup && !reporterInPrivate) return null;

  const existing = findReportByMessage(ctx.deps.db, msg.platform, msg.chatId, msg.messageId);
  // This very event stored it, yet the core did not record the event as handled: the bot stopped between storing
  // the report and queueing its answer. The answer is made again (unless the report was withdrawn meanwhile);
  // nothing is written.
  const replay = existing !== undefined && existing.eventKey === eventKey(msg) && existing.rawText === msg.text;
  if (replay && existing.status === "retracted") return [];
  // The same message again under another event, or the original re-sent after its edit was handled: nothing to do.
  if (existing && !replay && (existing.rawText === msg.text || !msg.edited)) return [];
  const parsed = parseReport(msg.text, { campaign, messageDate: msg.date, senderUnit: mine.length === 1 ? mine[0]!.unitCode : null });
  if (!parsed.isReport) {
    // An edit that turned a report into something else withdraws it.
    if (existing && existing.status !== "retracted") retractReport(ctx.deps.db, campaign, existing);
    return existing ? [] : null;
  }
  return ingestParsed(ctx, campaign, parsed, existing, replay).replies;
}
