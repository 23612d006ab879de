/**
 * The campaign's cumulative figure day by day against the straight line to the target of the current phase:
 * from 0 at the campaign's (or first phase's) start, or, in a later phase, from the figure reached when the
 * phase began, since phase targets are running totals. Percent metrics get their level and the target level.
 */
import type { Metric } from "../campaigns/schema.ts";
import type { CampaignSnapshot } from "../core/progress/snapshot.ts";
import { addDays, daysBetween, shortDay } from "../time.ts";
import { formatNumber, formatPercent, formatValue } from "./format.ts";
import { valueVsTarget, type RenderCtx } from "./progress.ts";
import { COLORS, heading, legend, MARGIN } from "./chart-parts.ts";
import { CHART_WIDTH, niceTicks, svgOpen, text, wrap } from "./svg.ts";

export interface SeriesPoint {
  day: string;
  value: number;
}

const ACTUAL = "#1565c0";
const PLAN = "#ef6c00";
const PLOT_HEIGHT = 620;
const LEFT = 185;

function axisValue(r: RenderCtx, v: number, type: Metric["type"]): string {
  if (type === "percent") return formatPercent(v, r.locale);
  if (Math.abs(v) >= 1e9) return r.t("charts:compact.billion", { value: formatNumber(v / 1e9, r.locale, 1) });
  if (Math.abs(v) >= 1e6) return r.t("charts:compact.million", { value: formatNumber(v / 1e6, r.locale, 1) });
  return formatNumber(v, r.locale, 0);
}

/** Days between x-axis labels: about seven labels whatever the campaign's length. */
function dayStep(days: number): number {
  return [1, 2, 3, 5, 7, 10, 14, 15, 20, 30, 60].find((s) => days / s <= 7) ?? Math.ceil(days / 7);
}

/** Where the straight line starts: 0 at the start, or the figure reached when a later phase began. */
function planStart(s: CampaignSnapshot, series: readonly SeriesPoint[]): SeriesPoint {
  const { campaign, phase } = s;
  if (!phase || campaign.phases.indexOf(phase) <= 0) return { day: phase?.start ?? campaign.start, value: 0 };
  const before = series.filter((p) => p.day < phase.start).at(-1);
  return { day: addDays(phase.start, -1), value: before?.value ?? 0 };
}

/** The campaign line chart of `metric` up to the snapshot's day (SVG, 1080 px wide). */
export function lineChartSvg(r: RenderCtx, s: CampaignSnapshot, metric: Metric, series: readonly SeriesPoint[]): string {
  const m = s.metrics.find((x) => x.metric.key === metric.key)!;
  const percent = metric.type === "percent";
  const target = m.target;
  const start = s.campaign.start;
  const end = s.horizon;
  const span = Math.max(daysBetween(start, end), 1);
  const head = heading(r, r.t("charts:line.title", { label: metric.label }), s);
  const top = head.y + 30;
  const bottom = top + PLOT_HEIGHT;
  const right = CHART_WIDTH - MARGIN - 10;
  const peak = Math.max(target ?? 0, ...series.map((p) => p.value));
  const ticks = niceTicks(percent ? 100 : peak * 1.05 || 1, 5);
  const yMax = ticks[ticks.length - 1]!;
  const xOf = (day: string) => LEFT + (Math.min(Math.max(daysBetween(start, day), 0), span) / span) * (right - LEFT);
  const yOf = (v: number) => bottom - (Math.min(Math.max(v, 0), yMax) / yMax) * PLOT_HEIGHT;
  const parts = [head.svg];

  for (const v of ticks) {
    const y = yOf(v).toFixed(1);
    parts.push(`<line x1="${LEFT}" y1="${y}" x2="${right}" y2="${y}" stroke="#e0e0e0" stroke-width="2"/>`);
    parts.push(text(LEFT - 14, Number(y) + 8, axisValue(r, v, metric.type), { size: 22, fill: "#666666", anchor: "end" }));
  }
  const step = dayStep(span);
  for (let d = 0; d <= span; d += step) {
    const day = addDays(start, d);
    const x = xOf(day);
    parts.push(`<line x1="${x.toFixed(1)}" y1="${bottom}" x2="${x.toFixed(1)}" y2="${bottom + 10}" stroke="#9e9e9e" stroke-width="2"/>`);
    parts.push(text(x, bottom + 40, shortDay(day), { size: 22, fill: "#666666", anchor: d === 0 ? "start" : "middle" }));
  }
  parts.push(`<line x1="${LEFT}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#9e9e9e" stroke-width="2"/>`);

  if (target !== null) {
    const y = yOf(target).toFixed(1);
    parts.push(`<line x1="${LEFT}" y1="${y}" x2="${right}" y2="${y}" stroke="#b71c1c" stroke-width="3" stroke-dasharray="4 8"/>`);
    parts.push(text(right, Number(y) - 12, r.t("charts:line.target", { value: formatValue(target, metric.type, r.locale) }), { size: 24, bold: true, fill: "#b71c1c", anchor: "end", halo: true }));
    if (!percent) {
      const from = planStart(s, series);
      parts.push(`<line x1="${xOf(from.day).toFixed(1)}" y1="${yOf(from.value).toFixed(1)}" x2="${xOf(end).toFixed(1)}" y2="${y}" stroke="${PLAN}" stroke-width="5" stroke-dasharray="16 10"/>`);
    }
  }
  const points = series.filter((p) => p.day >= start && p.day <= end);
  if (points.length === 0) parts.push(text((LEFT + right) / 2, top + PLOT_HEIGHT / 2, r.t("charts:line.noData"), { size: 30, fill: "#9e9e9e", anchor: "middle" }));
  else {
    const path = points.map((p, i) => `${i ? "L" : "M"}${xOf(p.day).toFixed(1)} ${yOf(p.value).toFixed(1)}`).join(" ");
    const last = points[points.length - 1]!;
    const lx = xOf(last.day);
    const ly = yOf(last.value);
    parts.push(`<path d="${path} L${lx.toFixed(1)} ${bottom} L${xOf(points[0]!.day).toFixed(1)} ${bottom} Z" fill="${ACTUAL}" opacity="0.12"/>`);
    parts.push(`<path d="${path}" fill="none" stroke="${ACTUAL}" stroke-width="6" stroke-linejoin="round" stroke-linecap="round"/>`);
    parts.push(`<circle cx="${lx.toFixed(1)}" cy="${ly.toFixed(1)}" r="10" fill="${ACTUAL}" stroke="#ffffff" stroke-width="3"/>`);
    const label = `${shortDay(last.day)}: ${formatValue(last.value, metric.type, r.locale)}`;
    const leftSide = lx > (LEFT + right) / 2;
    parts.push(text(leftSide ? lx - 18 : lx + 18, Math.max(ly - 20, top + 24), label, { size: 27, bold: true, fill: ACTUAL, anchor: leftSide ? "end" : "start", halo: true }));
  }

  const keys: Parameters<typeof legend>[0] = [{ color: ACTUAL, label: r.t("charts:line.actual"), mark: "line" }];
  if (target !== null && !percent) keys.push({ color: PLAN, label: r.t("charts:line.plan"), mark: "dash" });
  const foot = legend(keys, bottom + 80);
  parts.push(foot.svg);
  let y = foot.y;
  const status = [valueVsTarget(r, m, m)];
  if (!percent && m.needed !== null && m.needed > 0) status.push(r.t("progress:needed", { value: formatValue(Math.ceil(m.needed), metric.type, r.locale) }));
  if (m.value !== null && m.standing !== "noTarget") status.push(r.t(`charts:legend.${m.standing}`));
  for (const line of wrap(status.join(" · "), 27, CHART_WIDTH - 2 * MARGIN, true, 2)) parts.push(text(MARGIN, (y += 36), line, { size: 27, bold: true, fill: m.value === null ? "#9e9e9e" : COLORS[m.standing] }));
  y += 10;
  for (const line of wrap(s.campaign.name, 21, CHART_WIDTH - 2 * MARGIN, false, 2)) parts.push(text(MARGIN, (y += 28), line, { size: 21, fill: "#888888" }));
  return svgOpen(y + MARGIN - 10) + parts.join("") + "</svg>";
}
