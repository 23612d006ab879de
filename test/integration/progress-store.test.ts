/**
 * Stored progress against its definition. Whatever reports, corrections by edit (some moving a report to another
 * day) and recalls arrive, in any order of days, every unit's figure on every day, as the progress answers read it
 * (including days past the last one anyone reported, which are not stored), equals `cumulativeOn` over the figures
 * that count.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { cumulativeOn, type Figure } from "../../src/core/progress/arithmetic.ts";
import { cumulativeSeries } from "../../src/core/features/charts.ts";
import { campaignSnapshot } from "../../src/core/progress/snapshot.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import { progressFrontier } from "../../src/db/repos/progress.ts";
import { getReport, insertReport, replaceValues, updateReport, type Report } from "../../src/db/repos/reports.ts";
import { figuresChanged } from "../../src/core/reporting/progress-store.ts";
import { retractReport } from "../../src/core/reporting/ingest.ts";
import { addDays } from "../../src/time.ts";
import { testRuntime } from "../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const GROUP = "-100777";
const UNITS = [
  ["BLO", "Bình Long"],
  ["DXO", "Đồng Xoài"],
  ["PLO", "Phước Long"],
] as const;
const DAYS = 12;

type Op =
  | { kind: "report"; unit: number; day: number; received: number; activated: number; cumulative: number | null }
  | { kind: "edit"; target: number; received: number; day: number | null }
  | { kind: "recall"; target: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("report" as const), unit: fc.nat(UNITS.length - 1), day: fc.nat(DAYS - 1), received: fc.nat(500), activated: fc.nat(500), cumulative: fc.option(fc.integer({ min: 1_000, max: 9_000 })) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("edit" as const), target: fc.nat(50), received: fc.nat(500), day: fc.option(fc.nat(DAYS - 1)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("recall" as const), target: fc.nat(50) }) },
);

function text(unit: number, received: number, activated: number, cumulative: number | null, day: string | null = null): string {
  const dated = day === null ? "" : ` ngày ${Number(day.slice(8))}/${Number(day.slice(5, 7))}`;
  return `${UNITS[unit]![1]} báo cáo${dated}: thu nhận ${received} hồ sơ, kích hoạt ${activated} TK${cumulative === null ? "" : `, lũy kế ${cumulative.toLocaleString("vi-VN")}`}`;
}

describe("stored progress", () => {
  it("reads as cumulativeOn of the counting figures, on every day, after any reports, edits and recalls (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const rt = testRuntime();
        const campaign = rt.campaigns.get(CAMPAIGN) as Campaign;
        bindChat(rt.db, { platform: "telegram", chatId: GROUP, campaignId: CAMPAIGN, purpose: "reports" });
        UNITS.forEach(([code], i) => addReporterUnit(rt.db, upsertMember(rt.db, { platform: "telegram", platformUserId: `r${i}`, displayName: `Cán bộ ${i}` }).id, CAMPAIGN, code));
        const sent: { unit: number; day: number; id: string; activated: number; cumulative: number | null }[] = [];
        for (const [k, o] of ops.entries()) {
          const base = { platform: "telegram" as const, chatId: GROUP, chatType: "group" as const, senderName: "Cán bộ" };
          if (o.kind === "report") {
            const id = `m${k}`;
            sent.push({ unit: o.unit, day: o.day, id, activated: o.activated, cumulative: o.cumulative });
            const date = new Date(`${addDays(campaign.start, o.day)}T09:00:00+07:00`);
            await rt.core.handleMessage({ ...base, senderId: `r${o.unit}`, messageId: id, date, text: text(o.unit, o.received, o.activated, o.cumulative) });
          } else if (sent.length > 0) {
            const s = sent[o.target % sent.length]!;
            if (o.kind === "recall") rt.core.handleRecall({ platform: "telegram", chatId: GROUP, messageId: s.id });
            else {
              const date = new Date(`${addDays(campaign.start, s.day)}T09:00:00+07:00`);
              await rt.core.handleMessage({ ...base, senderId: `r${s.unit}`, messageId: s.id, date, edited: true, eventId: `e${k}`, text: text(s.unit, o.received, s.activated, s.cumulative, o.day === null ? null : addDays(campaign.start, o.day)) });
            }
          }
        }
        const frontier = progressFrontier(rt.db, CAMPAIGN);
        const counting = rt.db.$client.prepare("SELECT day, kind, value FROM report_values WHERE campaign_id = ? AND unit_code = ? AND metric_key = ? AND active = 1 ORDER BY day, id");
        const last = addDays(campaign.start, DAYS + 2);
        const series = new Map(cumulativeSeries(rt.db, campaign, campaign.metrics[0]!, last).map((p) => [p.day, p.value]));
        for (let day = campaign.start; day <= last; day = addDays(day, 1)) {
          const snapshot = campaignSnapshot(rt.db, campaign, day);
          for (const standing of snapshot.metrics) {
            const want = standing.units.map((u) => cumulativeOn(counting.all(CAMPAIGN, u.unit.code, standing.metric.key) as Figure[], day, standing.metric.type));
            expect(standing.units.map((u) => u.value), `${standing.metric.key} on ${day} (frontier ${frontier})`).toEqual(want);
            // The chart's line: the units' figures summed, past the frontier too.
            if (standing.metric === campaign.metrics[0] && want.some((v) => v !== null))
              expect(series.get(day), `chart on ${day}`).toBe(want.reduce<number>((a, v) => a + (v ?? 0), 0));
          }
        }
        rt.close();
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  // The same at the level of stored figures, for what messages in the test above cannot produce: a percent metric
  // (where any figure starts afresh), figures of both kinds for one metric, and edits that change a running total,
  // its kind or its day. Each change is applied as ingestion applies it, then `figuresChanged` for the days touched.
  it("reads as cumulativeOn for percent and count metrics, whatever the kinds, edits and withdrawals (fast-check)", () => {
    const METRICS = ["services_online", "payments"] as const; // percent, count
    const FIG_UNITS = ["DXO", "BLO"] as const;
    const figureOp = fc.oneof(
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("put" as const), unit: fc.nat(1), day: fc.nat(9), metric: fc.nat(1), cumulative: fc.boolean(), value: fc.nat(1_000) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("edit" as const), target: fc.nat(40), day: fc.option(fc.nat(9)), cumulative: fc.boolean(), value: fc.nat(1_000) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), target: fc.nat(40) }) },
    );
    fc.assert(
      fc.property(fc.array(figureOp, { minLength: 1, maxLength: 30 }), (ops) => {
        const rt = testRuntime();
        const campaign = rt.campaigns.get("binh-phuoc-dvc-92") as Campaign;
        const db = rt.db;
        const made: { id: number; metric: string }[] = [];
        let seq = 0;
        for (const o of ops) {
          seq++;
          if (o.kind === "put") {
            const metric = METRICS[o.metric]!;
            const day = addDays(campaign.start, o.day);
            db.transaction(() => {
              const report = insertReport(db, {
                campaignId: campaign.id, unitCode: FIG_UNITS[o.unit]!, day, platform: "console", chatId: "g", messageId: `m${seq}`, senderId: "u", senderName: "",
                memberId: null, rawText: "", eventKey: `g:m${seq}`, sentAt: seq, status: "active", late: false, updatedAt: seq,
              });
              replaceValues(db, report, [{ metricKey: metric, kind: o.cumulative ? "cumulative" : "daily", value: o.value, source: "" }]);
              figuresChanged(db, campaign, report.unitCode!, day, [metric]);
              made.push({ id: report.id, metric });
            });
          } else if (made.length > 0) {
            const { id, metric } = made[o.target % made.length]!;
            const report = getReport(db, id) as Report;
            if (o.kind === "withdraw") {
              if (report.status === "active") retractReport(db, campaign, report);
              continue;
            }
            if (report.status !== "active") continue;
            const day = o.day === null ? report.day : addDays(campaign.start, o.day);
            db.transaction(() => {
              updateReport(db, id, { day, sentAt: seq, updatedAt: seq });
              replaceValues(db, { ...report, day }, [{ metricKey: metric, kind: o.cumulative ? "cumulative" : "daily", value: o.value, source: "" }]);
              if (day !== report.day) figuresChanged(db, campaign, report.unitCode!, report.day, [metric]);
              figuresChanged(db, campaign, report.unitCode!, day, [metric]);
            });
          }
        }
        const counting = db.$client.prepare("SELECT day, kind, value FROM report_values WHERE campaign_id = ? AND unit_code = ? AND metric_key = ? AND active = 1 ORDER BY day, id");
        for (let day = campaign.start; day <= addDays(campaign.start, 12); day = addDays(day, 1)) {
          for (const standing of campaignSnapshot(db, campaign, day).metrics) {
            if (!(METRICS as readonly string[]).includes(standing.metric.key)) continue;
            for (const u of standing.units) {
              if (!(FIG_UNITS as readonly string[]).includes(u.unit.code)) continue;
              const want = cumulativeOn(counting.all(campaign.id, u.unit.code, standing.metric.key) as Figure[], day, standing.metric.type);
              expect(u.value, `${u.unit.code} ${standing.metric.key} on ${day}`).toBe(want);
            }
          }
        }
        rt.close();
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
