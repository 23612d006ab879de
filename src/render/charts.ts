/**
 * Charts for leaders, as SVG strings built by hand (every text escaped) and rendered to PNG by `svgToPng`:
 * - `barChartSvg`: units ranked by % of target (or level), coloured by standing, with the target line;
 * - `lineChartSvg` (line-chart.ts): the campaign's cumulative figure against the straight line to the target.
 * Words come from the `charts` locale namespace, numbers the Vietnamese way (render/format.ts).
 */
import type { Metric } from "../campaigns/schema.ts";
import type { CampaignSnapshot, MetricStanding, Standing, UnitStanding } from "../core/progress/snapshot.ts";
import { formatPercent, formatValue } from "./format.ts";
import type { RenderCtx } from "./progress.ts";
import { COLORS, heading, legend, MARGIN } from "./chart-parts.ts";
import { CHART_WIDTH, fit, niceTicks, svgOpen, text, textWidth, wrap } from "./svg.ts";

export { lineChartSvg, type SeriesPoint } from "./line-chart.ts";
export { svgToPng } from "./svg.ts";

const ROW = 60;
const BAR = 38;
const LABEL_RIGHT = 430;
/** More ranked units than this show the top and the bottom with the count in between. */
export const MAX_BARS = 30;
const TOP = 20;
/** More units without a figure than this are counted, not listed. */
const MAX_MISSING_ROWS = 10;

/** What a bar measures: % of target (counts, money), the level (percent metrics), or the figure (no targets). */
function basis(m: MetricStanding): "ratio" | "level" | "value" {
  if (m.metric.type === "percent") return "level";
  return m.units.some((u) => u.ratio !== null) ? "ratio" : "value";
}

function figureText(r: RenderCtx, metric: Metric, u: UnitStanding, by: ReturnType<typeof basis>): string {
  if (u.value === null) return r.t("charts:bar.noFigure");
  const value = formatValue(u.value, metric.type, r.locale);
  if (by === "level" || u.ratio === null) return value;
  return `${formatPercent(u.ratio, r.locale)} (${value})`;
}

type Row = { unit: UnitStanding } | { note: string };

/** The rows drawn: the ranked units (top and bottom of a long list), then those without a figure. */
function rows(r: RenderCtx, m: MetricStanding): Row[] {
  const ranked = m.units.filter((u) => u.value !== null);
  const out: Row[] =
    ranked.length <= MAX_BARS
      ? ranked.map((unit) => ({ unit }))
      : [...ranked.slice(0, TOP).map((unit) => ({ unit })), { note: r.t("charts:bar.hidden", { count: ranked.length - MAX_BARS }) }, ...ranked.slice(ranked.length - (MAX_BARS - TOP)).map((unit) => ({ unit }))];
  const missing = m.units.filter((u) => u.value === null);
  if (missing.length > MAX_MISSING_ROWS) out.push({ note: r.t("charts:bar.moreMissing", { count: missing.length }) });
  else out.push(...missing.map((unit) => ({ unit })));
  return out;
}

/** The leaderboard of `metric` as a horizontal bar chart (SVG, 1080 px wide). */
export function barChartSvg(r: RenderCtx, snapshot: CampaignSnapshot, metric: Metric): string {
  const m = snapshot.metrics.find((x) => x.metric.key === metric.key)!;
  const by = basis(m);
  const score = (u: UnitStanding) => (by === "ratio" ? u.ratio : u.value) ?? 0;
  const targetAt = by === "ratio" ? 100 : by === "level" ? m.target : null;
  const top = Math.max(targetAt ?? 0, ...m.units.map(score));
  const ticks = niceTicks(by === "level" ? 100 : top || 1, 4);
  const xMax = Math.max(ticks[ticks.length - 1]!, top);
  const x0 = LABEL_RIGHT + 10;
  const x1 = CHART_WIDTH - MARGIN - 24; // room for the target line's dashes at 100%
  const xOf = (v: number) => x0 + (Math.max(0, Math.min(v, xMax)) / xMax) * (x1 - x0);
  const tickText = (v: number) => (by === "value" ? formatValue(v, metric.type, r.locale) : formatPercent(v, r.locale));

  const head = heading(r, r.t("charts:bar.title", { label: metric.label }), snapshot);
  const parts = [head.svg];
  const list = rows(r, m);
  const bodyTop = head.y + 40;
  const bodyBottom = bodyTop + list.length * ROW;
  list.forEach((_, i) => {
    if (i % 2 === 0) parts.push(`<rect x="${MARGIN - 10}" y="${bodyTop + i * ROW}" width="${CHART_WIDTH - 2 * MARGIN + 20}" height="${ROW}" fill="#f3f5f8"/>`);
  });
  parts.push(text(MARGIN + 58, bodyTop - 14, r.t(`charts:bar.${by === "ratio" ? "axisRatio" : by === "level" ? "axisLevel" : "axisValue"}`), { size: 23, bold: true, fill: "#555555" }));
  const targetX = targetAt !== null && targetAt <= xMax ? xOf(targetAt) : null;
  const targetLabel = `${r.t("charts:bar.target")} ${formatPercent(targetAt ?? 0, r.locale)}`;
  const targetRight = targetX !== null && targetX + textWidth(targetLabel, 22, true) / 2 > CHART_WIDTH - MARGIN;
  // The target's label takes the place of the tick labels it would cover.
  const covered = (x: number) =>
    targetX !== null && (targetRight ? x > targetX - textWidth(targetLabel, 22, true) - 40 : Math.abs(x - targetX) < textWidth(targetLabel, 22, true) / 2 + 40);
  for (const v of ticks) {
    const x = xOf(v);
    parts.push(`<line x1="${x.toFixed(1)}" y1="${bodyTop - 8}" x2="${x.toFixed(1)}" y2="${bodyBottom}" stroke="#dddddd" stroke-width="2"/>`);
    if (!covered(x)) parts.push(text(x, bodyTop - 14, tickText(v), { size: 21, fill: "#777777", anchor: v === 0 ? "start" : "middle" }));
  }
  if (targetX !== null) {
    parts.push(`<line x1="${targetX.toFixed(1)}" y1="${bodyTop - 6}" x2="${targetX.toFixed(1)}" y2="${bodyBottom + 6}" stroke="#b71c1c" stroke-width="4" stroke-dasharray="12 8"/>`);
    parts.push(text(targetRight ? targetX + 2 : targetX, bodyTop - 14, targetLabel, { size: 22, bold: true, fill: "#b71c1c", anchor: targetRight ? "end" : "middle" }));
  }
  list.forEach((row, i) => {
    const mid = bodyTop + i * ROW + ROW / 2;
    if ("note" in row) {
      parts.push(text(CHART_WIDTH / 2, mid + 9, row.note, { size: 25, fill: "#777777", anchor: "middle" }));
      return;
    }
    const u = row.unit;
    if (u.rank !== null) parts.push(text(MARGIN + 44, mid + 9, String(u.rank), { size: 26, bold: true, fill: "#555555", anchor: "end" }));
    parts.push(text(MARGIN + 58, mid + 9, fit(u.unit.name, 27, LABEL_RIGHT - MARGIN - 58), { size: 27, fill: "#212121" }));
    const label = figureText(r, metric, u, by);
    if (u.value === null) {
      parts.push(text(x0 + 12, mid + 9, label, { size: 24, fill: "#9e9e9e" }));
      return;
    }
    const end = xOf(score(u));
    parts.push(`<rect x="${x0}" y="${mid - BAR / 2}" width="${Math.max(end - x0, 4).toFixed(1)}" height="${BAR}" rx="6" fill="${COLORS[u.standing]}"/>`);
    // The figure sits after the bar, or inside a bar too long to leave room for it.
    const inside = CHART_WIDTH - MARGIN - end < 16 + textWidth(label, 24, true);
    parts.push(text(inside ? end - 12 : end + 12, mid + 9, label, { size: 24, bold: true, fill: inside ? "#ffffff" : "#212121", anchor: inside ? "end" : "start", halo: !inside }));
  });
  const standings: Standing[] = by === "value" ? ["noTarget", "noReport"] : ["done", "onTrack", "behind", "noReport"];
  const count = (s: Standing) => m.units.filter((u) => u.standing === s).length;
  const keyed = standings.filter((s) => s !== "onTrack" || by === "ratio").map((s) => ({ color: COLORS[s], label: `${r.t(`charts:legend.${s}`)} (${count(s)})` }));
  const foot = legend(keyed, bodyBottom + 30);
  parts.push(foot.svg);
  let y = foot.y;
  for (const line of wrap(snapshot.campaign.name, 21, CHART_WIDTH - 2 * MARGIN, false, 2)) parts.push(text(MARGIN, (y += 28), line, { size: 21, fill: "#888888" }));
  return svgOpen(y + MARGIN - 10) + parts.join("") + "</svg>";
}
