import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDigits, readVietnameseNumber } from "../../../src/parsing/index.ts";

/** 1234567 → "1.234.567", the way officials group thousands. */
const viGroup = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");

describe("readVietnameseNumber", () => {
  it.each([
    ["271.948", 271948],
    ["31,5%", 31.5],
    ["87.3%", 87.3],
    ["1,234", 1234],
    ["1 020", 1020],
    ["1,2 triệu", 1_200_000],
    ["102,641 nghìn", 102_641],
    ["1k2", 1200],
    ["2tr5", 2_500_000],
    ["764,7 triệu đồng", 764_700_000],
    ["2.500.000 đ", 2_500_000],
    ["199,8 tỷ đồng", 199_800_000_000],
    ["1,5 tỉ", 1_500_000_000],
    ["12 ngàn", 12_000],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["2.105/8.000", 2105],
    ["0,5%", 0.5],
  ])("%s → %d", (written, value) => {
    expect(readVietnameseNumber(written)).toBe(value);
  });

  it("reads a magnitude with a dot-grouped mantissa the Vietnamese way, and the English way when told", () => {
    expect(readVietnameseNumber("1.250 triệu đồng")).toBe(1_250_000_000);
    expect(readVietnameseNumber("1.250 triệu đồng", { style: "en" })).toBe(1_250_000);
  });

  it("returns null when there is no number", () => {
    expect(readVietnameseNumber("không có số")).toBeNull();
  });

  it("any count written with dot groups reads back to the same number", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => readVietnameseNumber(viGroup(n)) === n));
  });

  it("any count written with space groups reads back to the same number", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999_999 }), (n) => readVietnameseNumber(viGroup(n).replace(/\./g, " ")) === n));
  });

  it("any count written with a comma-decimal mantissa and a magnitude word reads back to the same number", () => {
    const words: Array<[string, number]> = [["nghìn", 1e3], ["ngàn", 1e3], ["triệu", 1e6], ["tỷ", 1e9], ["tỉ", 1e9]];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom(...words), (int, frac, [word, mag]) => {
        const fracText = String(frac).padStart(3, "0").replace(/0+$/, "");
        const written = fracText ? `${viGroup(int)},${fracText} ${word}` : `${viGroup(int)} ${word}`;
        return readVietnameseNumber(written) === Math.round(Number(`${int}.${fracText || "0"}`) * mag);
      }),
    );
  });
});

describe("readDigits", () => {
  it("settles a lone separator before three digits by what is measured", () => {
    expect(readDigits("12,345", { hint: "percent" })?.value).toBe(12.345);
    expect(readDigits("12,345", { hint: "count" })?.value).toBe(12345);
    expect(readDigits("1.2.3")).toBeNull();
  });
});
