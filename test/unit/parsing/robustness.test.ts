import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCampaignFile } from "../../../src/campaigns/load.ts";
import { parseReport } from "../../../src/parsing/index.ts";

const campaign = loadCampaignFile(new URL("../../fixtures/campaigns/vneid-quang-ngai.yaml", import.meta.url).pathname);
const messageDate = new Date("2023-06-21T03:00:00Z");

describe("parseReport robustness", () => {
  it("never throws on arbitrary strings, and its spans stay inside the text", () => {
    const pieces = fc.constantFrom("Kích hoạt", ": ", "856", "1.020", ",", "5%", "lũy kế", "\n", "(", ")", "/", "ngày 20/6", "Sơn Tịnh", "triệu", "đ", "?", "\u0301", "🔹", "0905 123 456");
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.array(pieces, { maxLength: 40 }).map((a) => a.join(" ")));
    fc.assert(
      fc.property(text, (t) => {
        const r = parseReport(t, { campaign, messageDate, senderUnit: "BSO" });
        for (const v of r.values) {
          expect(v.span[0]).toBeGreaterThanOrEqual(0);
          expect(v.span[1]).toBeLessThanOrEqual(r.text.length);
          expect(Number.isFinite(v.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // The 50 ms figure is measured by `npm run bench` (timed tests flake on a loaded machine); this test only
  // catches a catastrophic path (backtracking, quadratic loops), which would take seconds, not milliseconds.
  it("reads a 100 KB message in linear time", () => {
    const line = "- Sơn Tịnh kích hoạt: 856 TK, lũy kế 30.115 (mức 1: 300; mức 2: 720) 1.1.1.1,2,3 ((((( 20/6/2023 0905 \n";
    const big = line.repeat(Math.ceil(100_000 / line.length)).slice(0, 100_000);
    const texts = [big, "1.".repeat(50_000), "(".repeat(100_000), "a ".repeat(50_000), "1 ".repeat(50_000), "kích hoạt: 1.".repeat(8_000)];
    for (const text of texts) {
      parseReport(text, { campaign, messageDate }); // warm up the compiled campaign and the JIT
      // The median of three runs: one GC pause must not fail the test, a superlinear path always would.
      const times = [0, 1, 2].map(() => {
        const t0 = performance.now();
        parseReport(text, { campaign, messageDate });
        return performance.now() - t0;
      });
      expect(times.sort((x, y) => x - y)[1]).toBeLessThan(1000);
    }
  });

  it("rejects an invalid message date instead of guessing", () => {
    expect(() => parseReport("x", { campaign, messageDate: new Date("nope") })).toThrow(TypeError);
  });
});
