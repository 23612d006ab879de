/**
 * Small SVG building blocks for the charts, and the SVG → PNG step: resvg (no browser) with DejaVu Sans, a font
 * shipped in an npm package that covers every Vietnamese letter (Ứ, ỹ, Đ…), so a server without fonts draws the
 * same image as a laptop.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
/** The fonts every chart is drawn with; nothing else is loaded (the system's fonts are never asked). */
export const FONT_FILES = [join(FONT_DIR, "DejaVuSans.ttf"), join(FONT_DIR, "DejaVuSans-Bold.ttf")];
export const FONT_FAMILY = "DejaVu Sans";

/** Width of a chart in pixels: wide enough to stay sharp on a phone. */
export const CHART_WIDTH = 1080;

/** Text for SVG content and attribute values: unit names come from campaign files and may hold anything. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Roughly how wide `text` is at `size` px in DejaVu Sans (bold a little wider): DejaVu's letters average about
 * 0.6 em, capitals and digits a little more. Good enough to wrap titles and shorten long names.
 */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize("NFC")) em += ch === " " ? 0.32 : /[A-ZĐ0-9]/.test(ch.normalize("NFD")[0]!) ? 0.7 : /[iljtf.,:;'|!]/.test(ch) ? 0.32 : 0.6;
  return em * size * (bold ? 1.1 : 1);
}

/** `text` cut with "…" to fit `width`. */
export function fit(text: string, size: number, width: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join("") + "…", size, bold) > width) chars.pop();
  return chars.join("").trimEnd() + "…";
}

/** Words wrapped into lines of at most `width` px (at most `maxLines`, the last one shortened). */
export function wrap(text: string, size: number, width: number, bold = false, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), fit(lines.slice(maxLines - 1).join(" "), size, width, bold)];
}

export interface TextOpts {
  size: number;
  bold?: boolean;
  fill?: string;
  anchor?: "start" | "middle" | "end";
  /** A white outline under the letters, to stay readable over lines. */
  halo?: boolean;
}

/** A `<text>` element; the text is escaped here. */
export function text(x: number, y: number, content: string, o: TextOpts): string {
  const attrs = [`x="${x.toFixed(1)}"`, `y="${y.toFixed(1)}"`, `font-size="${o.size}"`];
  if (o.bold) attrs.push(`font-weight="bold"`);
  if (o.fill) attrs.push(`fill="${o.fill}"`);
  if (o.anchor && o.anchor !== "start") attrs.push(`text-anchor="${o.anchor}"`);
  if (o.halo) attrs.push(`stroke="#ffffff" stroke-width="7" stroke-linejoin="round" paint-order="stroke"`);
  return `<text ${attrs.join(" ")}>${esc(content)}</text>`;
}

/** The opening of a chart: white page, default font. */
export function svgOpen(height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${Math.ceil(height)}" viewBox="0 0 ${CHART_WIDTH} ${Math.ceil(height)}" font-family="${FONT_FAMILY}"><rect width="100%" height="100%" fill="#ffffff"/>`;
}

/** "Nice" axis steps (1, 2, 2.5, 5 × 10ⁿ) from 0 to at least `max`, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * pow >= raw) ?? 10) * pow;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** Renders `svg` to a PNG 1080 px wide with the bundled fonts only. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "width", value: CHART_WIDTH },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}
