/**
 * The outlier check's median, worked out by SQLite: the same answer as sorting the figures in JavaScript, on the
 * figures that count only (not those an edit replaced or a later report overrode), leaving out the day being
 * checked and the report being edited.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { dailyMedian, insertReport, recomputeActive, replaceValues, type Report } from "../../../src/db/repos/reports.ts";
import type { Runtime } from "../../../src/runtime.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const KEY = { campaignId: CAMPAIGN, unitCode: "DXO", metricKey: "received" };
let rt: Runtime | undefined;
afterEach(() => rt?.close());

let seq = 0;
/** A report of `received` (daily) figures, `value` on `day`; later reports of the same day override earlier ones. */
function report(r: Runtime, day: string, value: number, metricKey = "received"): Report {
  seq++;
  const stored = insertReport(r.db, {
    campaignId: CAMPAIGN, unitCode: "DXO", day, platform: "console", chatId: "g", messageId: `m${seq}`, senderId: "u", senderName: "",
    memberId: null, rawText: "", eventKey: `g:m${seq}`, sentAt: seq, status: "active", late: false, updatedAt: seq,
  });
  replaceValues(r.db, stored, [{ metricKey, kind: "daily", value, source: "" }]);
  recomputeActive(r.db, { campaignId: CAMPAIGN, unitCode: "DXO", day });
  return stored;
}

const day = (n: number) => `2023-06-${String(21 + n).padStart(2, "0")}`;

/** The median as a reader works it out: sort, take the middle (or the mean of the two middle values). */
function reference(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length < 3) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

describe("dailyMedian", () => {
  it("needs three figures, takes the middle one, or the mean of the two middle ones", () => {
    rt = testRuntime();
    report(rt, day(0), 1);
    report(rt, day(1), 9);
    expect(dailyMedian(rt.db, KEY, day(9))).toBeNull();
    report(rt, day(2), 5);
    expect(dailyMedian(rt.db, KEY, day(9))).toBe(5);
    report(rt, day(3), 7);
    expect(dailyMedian(rt.db, KEY, day(9))).toBe(6);
  });

  it("leaves out the day being checked, the report being edited, other metrics and overridden figures", () => {
    rt = testRuntime();
    for (const [i, v] of [1, 9, 5].entries()) report(rt, day(i), v);
    const checked = report(rt, day(3), 700);
    report(rt, day(4), 1_000, "activated");
    expect(dailyMedian(rt.db, KEY, day(3))).toBe(5);
    expect(dailyMedian(rt.db, KEY, day(9), checked.id)).toBe(5);
    // A second report of day 0 overrides the first: 100 counts, 1 no longer does.
    report(rt, day(0), 100);
    expect(dailyMedian(rt.db, KEY, day(3))).toBe(9);
  });

  it("equals sorting in JavaScript on any figures", () => {
    const r = (rt = testRuntime());
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.nat(20), value: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 40 }), fc.nat(20), (figures, checked) => {
        r.db.$client.exec("DELETE FROM report_values; DELETE FROM reports");
        for (const f of figures) report(r, day(f.day), f.value);
        // The figure that counts on each day is the last one reported for it.
        const counting = new Map(figures.map((f) => [f.day, f.value]));
        counting.delete(checked);
        expect(dailyMedian(r.db, KEY, day(checked))).toBe(reference([...counting.values()]));
      }),
      { numRuns: 100 },
    );
  });
});
