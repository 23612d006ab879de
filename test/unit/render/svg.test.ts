import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { esc, fit, FONT_FAMILY, FONT_FILES, niceTicks, svgToPng, text, textWidth, wrap } from "../../../src/render/svg.ts";

/** The pixels of one glyph drawn large with the bundled fonts only. */
function glyph(ch: string, bold = false): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="160"><rect width="100%" height="100%" fill="#fff"/><text x="10" y="130" font-family="${FONT_FAMILY}" font-size="110"${bold ? ' font-weight="bold"' : ""}>${esc(ch)}</text></svg>`;
  const img = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).render();
  return Buffer.from(img.pixels);
}

describe("the chart font", () => {
  // U+E000 is a private-use code point DejaVu does not have: it is drawn as the "missing glyph" box.
  const box = glyph("\uE000");

  it.each(["Ứ", "ỹ", "Đ", "ặ", "ờ", "Ỵ"])("draws %s as a letter, not a box, with its marks", (ch) => {
    for (const bold of [false, true]) {
      const drawn = glyph(ch, bold);
      expect(drawn.equals(glyph("\uE000", bold))).toBe(false);
      const bare = ch === "Đ" ? "D" : ch.normalize("NFD")[0]!; // Đ has no decomposition: its stroke is the mark
      expect(drawn.equals(glyph(bare, bold))).toBe(false);
      expect(drawn.some((v, i) => i % 4 !== 3 && v < 128)).toBe(true); // something dark was drawn
    }
    expect(box.some((v, i) => i % 4 !== 3 && v < 128)).toBe(true);
  });

  it("renders to a PNG 1080 px wide", () => {
    const png = svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="540" height="100">${text(10, 50, "Ứng Hòa", { size: 30 })}</svg>`);
    expect(png.readUInt32BE(16)).toBe(1080);
    expect(png.readUInt32BE(20)).toBe(200);
  });
});

describe("svg helpers", () => {
  it("escapes every character that matters in content and attributes", () => {
    expect(esc(`Xã <Ứng> & "Hòa" 'A'`)).toBe("Xã &lt;Ứng&gt; &amp; &quot;Hòa&quot; &#39;A&#39;");
    expect(text(1, 2, "a<b", { size: 10, anchor: "end" })).toBe('<text x="1.0" y="2.0" font-size="10" text-anchor="end">a&lt;b</text>');
  });

  it("wraps words into lines that fit, shortening the last one", () => {
    const lines = wrap("Tài khoản định danh điện tử đã kích hoạt thành công trên toàn tỉnh", 30, 400);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 30)).toBeLessThanOrEqual(400 + 1);
    expect(wrap("một hai ba bốn năm sáu bảy tám chín mười", 30, 120, false, 2)[1]).toMatch(/…$/);
  });

  it("shortens a long name with an ellipsis", () => {
    expect(fit("Thị xã Chơn Thành", 27, 1000)).toBe("Thị xã Chơn Thành");
    const cut = fit("Ủy ban nhân dân xã Đắk Mỹ, huyện Ứng Hòa, thành phố Hà Nội", 27, 300);
    expect(cut).toMatch(/…$/);
    expect(textWidth(cut, 27)).toBeLessThanOrEqual(300);
  });

  it("picks round axis steps", () => {
    expect(niceTicks(100, 4)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(525_000, 5)).toEqual([0, 200_000, 400_000, 600_000]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
