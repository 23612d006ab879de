import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cumulativeOn, cumulativeOnEach, lastCumulativeBefore, type Figure } from "../../../src/core/progress/arithmetic.ts";

const d = (day: string, value: number): Figure => ({ day: `2023-06-${day}`, kind: "daily", value });
const c = (day: string, value: number): Figure => ({ day: `2023-06-${day}`, kind: "cumulative", value });

describe("cumulativeOn", () => {
  it("sums daily figures when no running total was reported", () => {
    expect(cumulativeOn([d("20", 100), d("21", 150), d("22", 50)], "2023-06-21", "count")).toBe(250);
  });

  it("takes the latest running total and adds the daily figures after it", () => {
    const figures = [d("20", 100), c("21", 30_000), d("21", 856), d("22", 500), d("23", 400)];
    expect(cumulativeOn(figures, "2023-06-21", "count")).toBe(30_000); // the running total includes its own day
    expect(cumulativeOn(figures, "2023-06-22", "count")).toBe(30_500);
    expect(cumulativeOn(figures, "2023-06-23", "count")).toBe(30_900);
  });

  it("ignores figures after the day asked", () => {
    expect(cumulativeOn([c("25", 9_999), d("20", 10)], "2023-06-21", "count")).toBe(10);
  });

  it("is null when nothing was reported up to the day", () => {
    expect(cumulativeOn([d("25", 10)], "2023-06-21", "count")).toBeNull();
    expect(cumulativeOn([], "2023-06-21", "money")).toBeNull();
  });

  it("uses the latest level for percent metrics, whatever its kind", () => {
    expect(cumulativeOn([c("20", 31.5), d("21", 40.2), c("23", 55)], "2023-06-22", "percent")).toBe(40.2);
    expect(cumulativeOn([d("21", 40.2), c("21", 41)], "2023-06-21", "percent")).toBe(41);
  });
});

describe("cumulativeOnEach", () => {
  const days = Array.from({ length: 12 }, (_, i) => `2023-06-${String(18 + i).padStart(2, "0")}`);
  const figure = fc.record({ day: fc.constantFrom(...days), kind: fc.constantFrom("daily" as const, "cumulative" as const), value: fc.integer({ min: 0, max: 100_000 }) });

  it("equals cumulativeOn on every day, for any figures of any kind and type (fast-check)", () => {
    fc.assert(
      fc.property(fc.array(figure, { maxLength: 30 }), fc.constantFrom("count" as const, "money" as const, "percent" as const), fc.nat(days.length - 1), (unsorted, type, from) => {
        // Sorted by day as the database gives them; within a day, in the order they were reported.
        const figures = unsorted.map((f, i) => ({ ...f, i })).sort((a, b) => a.day.localeCompare(b.day) || a.i - b.i);
        const asked = days.slice(from);
        expect(cumulativeOnEach(figures, asked, type)).toEqual(asked.map((day) => cumulativeOn(figures, day, type)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("sanity helpers", () => {
  it("finds the last running total strictly before a day", () => {
    expect(lastCumulativeBefore([c("20", 10), c("21", 20), c("22", 30)], "2023-06-22")?.value).toBe(20);
  });
});
