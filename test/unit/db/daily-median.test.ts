/**
 * What the outlier check compares a new daily figure with: the median of the unit's daily figures that count
 * (not those an edit replaced or a later report overrode), leaving out the day being checked and the report
 * being edited.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { median } from "../../../src/core/progress/arithmetic.ts";
import { activeDailyValues, insertReport, recomputeActive, replaceValues, type Report } from "../../../src/db/repos/reports.ts";
import type { Runtime } from "../../../src/runtime.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const KEY = { campaignId: CAMPAIGN, unitCode: "DXO", metricKey: "received" };
let rt: Runtime | undefined;
afterEach(() => rt?.close());

let seq = 0;
/** A report of one daily figure, `value` on `day`; a later report of the same day overrides an earlier one. */
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
const usual = (r: Runtime, checked: string, except?: number) => median(activeDailyValues(r.db, KEY, checked, except));

describe("the outlier check's median", () => {
  it("needs three figures, takes the middle one, or the mean of the two middle ones", () => {
    expect(median([1, 9])).toBeNull();
    expect(median([1, 9, 5])).toBe(5);
    expect(median([1, 9, 5, 7])).toBe(6);
  });

  it("leaves out the day being checked, the report being edited, other metrics and overridden figures", () => {
    rt = testRuntime();
    for (const [i, v] of [1, 9, 5].entries()) report(rt, day(i), v);
    const checked = report(rt, day(3), 700);
    report(rt, day(4), 1_000, "activated");
    expect(usual(rt, day(3))).toBe(5);
    expect(usual(rt, day(9), checked.id)).toBe(5);
    // A second report of day 0 overrides the first: 100 counts, 1 no longer does.
    report(rt, day(0), 100);
    expect(usual(rt, day(3))).toBe(9);
  });

  it("is taken over the figures that count, whatever was reported (fast-check)", () => {
    const r = (rt = testRuntime());
    fc.assert(
      fc.property(fc.array(fc.record({ day: fc.nat(20), value: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 40 }), fc.nat(20), (figures, checked) => {
        r.db.$client.exec("DELETE FROM report_values; DELETE FROM reports");
        for (const f of figures) report(r, day(f.day), f.value);
        // The figure that counts on each day is the last one reported for it.
        const counting = new Map(figures.map((f) => [f.day, f.value]));
        counting.delete(checked);
        expect(activeDailyValues(r.db, KEY, day(checked)).sort((a, b) => a - b)).toEqual([...counting.values()].sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });
});
