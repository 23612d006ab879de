import { describe, expect, it } from "vitest";
import { loadCampaignFile } from "../../../src/campaigns/load.ts";
import { parseReport, resolveDay } from "../../../src/parsing/index.ts";

const campaign = loadCampaignFile(new URL("../../fixtures/campaigns/vneid-quang-ngai.yaml", import.meta.url).pathname);
const messageDate = new Date("2023-06-21T03:00:00Z");

describe("parseReport result", () => {
  it("gives each value the NFC excerpt it came from, even for NFD input", () => {
    const text = "Sơn Tịnh: Kích hoạt: 856 TK, lũy kế 30.115".normalize("NFD");
    const r = parseReport(text, { campaign, messageDate });
    expect(r.text).toBe(text.normalize("NFC"));
    expect(r.values.map((v) => [v.metric, v.kind, v.value, v.source])).toEqual([
      ["activated", "daily", 856, "Kích hoạt: 856"],
      ["activated", "cumulative", 30115, "30.115"],
    ]);
    for (const v of r.values) expect(r.text.slice(...v.span)).toBe(v.source);
  });

  it("says where the unit and the day came from", () => {
    const named = parseReport("Ba Tơ báo cáo ngày 20/6: kích hoạt 15 TK", { campaign, messageDate, senderUnit: "BSO" });
    expect([named.unit, named.unitSource, named.date, named.dateExplicit]).toEqual(["BTO", "text", "2023-06-20", true]);
    const sender = parseReport("kích hoạt 15 TK", { campaign, messageDate, senderUnit: "bso" });
    expect([sender.unit, sender.unitSource, sender.date, sender.dateExplicit]).toEqual(["BSO", "sender", "2023-06-21", false]);
  });

  it("resolves the day in the campaign's time zone", () => {
    // 18:30 UTC on the 20th is already 01:30 on the 21st in Vietnam.
    const r = parseReport("kích hoạt 15 TK", { campaign, messageDate: new Date("2023-06-20T18:30:00Z"), senderUnit: "BSO" });
    expect(r.date).toBe("2023-06-21");
    expect(resolveDay({ offset: -1 }, "2023-03-01")).toBe("2023-02-28");
    expect(resolveDay({ day: 31, month: 6 }, "2023-06-21")).toBeNull();
  });

  it("warns with codes, not sentences", () => {
    const r = parseReport("Tỷ lệ kích hoạt 133%. Còn 45 cái gì đó", { campaign, messageDate, senderUnit: null });
    expect(r.warnings.map((w) => w.code).sort()).toEqual(["percent_over_100", "unit_not_found", "unmatched_number"]);
  });
});
