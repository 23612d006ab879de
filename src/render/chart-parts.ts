/** What both charts share: colours by standing, the heading (title and day line) and the legend. */
import type { CampaignSnapshot, Standing } from "../core/progress/snapshot.ts";
import { header, type RenderCtx } from "./progress.ts";
import { CHART_WIDTH, text, wrap } from "./svg.ts";

export const COLORS: Record<Standing, string> = { done: "#1b7f3b", onTrack: "#43a047", behind: "#e53935", noTarget: "#1e88e5", noReport: "#bdbdbd" };
export const MARGIN = 40;

/** Title and subtitle lines; returns the SVG and the y below them. */
export function heading(r: RenderCtx, title: string, s: CampaignSnapshot, y = MARGIN): { svg: string; y: number } {
  const parts: string[] = [];
  for (const line of wrap(title, 38, CHART_WIDTH - 2 * MARGIN, true, 2)) parts.push(text(MARGIN, (y += 46), line, { size: 38, bold: true, fill: "#212121" }));
  y += 8;
  for (const line of wrap(header(r, s), 25, CHART_WIDTH - 2 * MARGIN, false, 2)) parts.push(text(MARGIN, (y += 34), line, { size: 25, fill: "#555555" }));
  return { svg: parts.join(""), y: y + 20 };
}

/** Legend marks (squares, lines or dashed lines) with labels, two a line; returns the SVG and the y below it. */
export function legend(items: { color: string; label: string; mark?: "box" | "line" | "dash" }[], y: number): { svg: string; y: number } {
  const parts: string[] = [];
  items.forEach((it, i) => {
    const x = MARGIN + (i % 2) * 520;
    const top = y + Math.floor(i / 2) * 44;
    const mark = it.mark ?? "box";
    parts.push(
      mark === "box"
        ? `<rect x="${x}" y="${top}" width="28" height="28" rx="4" fill="${it.color}"/>`
        : `<line x1="${x}" y1="${top + 14}" x2="${x + 40}" y2="${top + 14}" stroke="${it.color}" stroke-width="6"${mark === "dash" ? ' stroke-dasharray="10 6"' : ""}/>`,
      text(x + 52, top + 24, it.label, { size: 25, fill: "#333333" }),
    );
  });
  return { svg: parts.join(""), y: y + Math.ceil(items.length / 2) * 44 + 10 };
}

