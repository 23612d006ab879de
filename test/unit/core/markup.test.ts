import { describe, expect, it } from "vitest";
import { splitMessage, toPlainText, toTelegramHtml } from "../../../src/render/markup.ts";
import { formatMoney, formatNumber, formatPercent } from "../../../src/render/format.ts";

describe("reply markup", () => {
  it("renders bold and fenced blocks for Telegram, escaping everything else", () => {
    expect(toTelegramHtml("**Bình Sơn** <b>x</b> & y\n```\nA | 1\n```")).toBe("<b>Bình Sơn</b> &lt;b&gt;x&lt;/b&gt; &amp; y\n<pre>A | 1</pre>");
  });

  it("renders plain text without markers", () => {
    expect(toPlainText("**Bình Sơn**\n```\nA | 1\n```")).toBe("Bình Sơn\nA | 1");
  });

  it("splits long messages on line boundaries within the limit", () => {
    const lines = Array.from({ length: 300 }, (_, i) => `Dòng số ${i}: đơn vị đã báo cáo`);
    const parts = splitMessage(lines.join("\n"), 4096);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    expect(parts.join("\n")).toBe(lines.join("\n"));
  });

  it("cuts a single over-long line", () => {
    const parts = splitMessage("x".repeat(10_000), 4096);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.join("")).toBe("x".repeat(10_000));
  });
});

describe("Vietnamese number formatting", () => {
  it("uses dots for thousands and commas for decimals", () => {
    expect(formatNumber(1234567)).toBe("1.234.567");
    expect(formatPercent(31.5)).toBe("31,5%");
    expect(formatMoney(764_700_000)).toBe("764,7 triệu đồng");
    expect(formatMoney(199_800_000_000)).toBe("199,8 tỷ đồng");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });
});
