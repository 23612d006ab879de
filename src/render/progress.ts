/**
 * Progress answers as reply markup: short lines a leader reads on a phone, numbers the Vietnamese way, tables in
 * fenced blocks (monospace on Telegram). Every word comes from the `progress` locale namespace.
 */
import type { Translate } from "../i18n.ts";
import type { CampaignSnapshot, MetricStanding, Pace, UnitStanding } from "../core/progress/snapshot.ts";
import { shortDay } from "../time.ts";
import { formatNumber, formatPercent, formatValue } from "./format.ts";

export interface RenderCtx {
  t: Translate;
  locale: string;
}

export function header(r: RenderCtx, s: CampaignSnapshot): string {
  const phase = s.phase ? r.t("progress:phase", { label: s.phase.label, left: s.daysLeft }) : r.t("progress:noPhase", { left: s.daysLeft });
  return r.t("progress:dayOf", { day: shortDay(s.day), no: Math.max(s.dayNo, 0), of: s.days, phase });
}

export function rankChange(u: Pick<UnitStanding, "rank" | "prevRank">): string {
  if (u.rank === null || u.prevRank === null || u.rank === u.prevRank) return "";
  return u.rank < u.prevRank ? `↑${u.prevRank - u.rank}` : `↓${u.rank - u.prevRank}`;
}

/** "30.115 / 500.000 (6,02%)" or the level for percent metrics, with the target level. */
export function valueVsTarget(r: RenderCtx, m: MetricStanding, p: Pace): string {
  const type = m.metric.type;
  if (p.value === null) return r.t("progress:noFigure");
  const v = formatValue(p.value, type, r.locale);
  if (p.target === null) return v;
  if (type === "percent") return r.t("progress:levelVsTarget", { value: v, target: formatPercent(p.target, r.locale) });
  return r.t("progress:valueVsTarget", { value: v, target: formatValue(p.target, type, r.locale), ratio: formatPercent(p.ratio ?? 0, r.locale) });
}

const STANDING_MARK: Record<Pace["standing"], string> = { done: "✅", onTrack: "🟢", behind: "🔴", noTarget: "", noReport: "⚪" };

/** The pace line: daily average, the daily rate still needed, the projected day. */
export function paceLine(r: RenderCtx, m: MetricStanding, p: Pace): string | null {
  if (m.metric.type === "percent" || p.value === null) return null;
  const parts: string[] = [];
  if (p.avg7 !== null) parts.push(r.t("progress:avg7", { value: formatValue(Math.round(p.avg7), m.metric.type, r.locale) }));
  if (p.standing === "done") parts.push(r.t("progress:reached"));
  else if (p.needed !== null) parts.push(r.t("progress:needed", { value: formatValue(Math.ceil(p.needed), m.metric.type, r.locale) }));
  if (p.standing !== "done" && p.target !== null)
    parts.push(p.projected ? r.t("progress:projected", { day: shortDay(p.projected, true) }) : r.t("progress:noProjection"));
  return parts.length ? `   ${parts.join(" · ")} ${STANDING_MARK[p.standing]}`.trimEnd() : null;
}

export function metricBlock(r: RenderCtx, m: MetricStanding, p: Pace, extra = ""): string[] {
  const mark = m.metric.type === "percent" ? STANDING_MARK[p.standing] : "";
  const lines = [[`**${m.metric.label}**: ${valueVsTarget(r, m, p)}`, mark, extra].filter(Boolean).join(" ")];
  const pl = paceLine(r, m, p);
  if (pl) lines.push(pl);
  return lines;
}

/** The score shown in a ranking: % of target, the level, or the figure. */
export function scoreText(r: RenderCtx, m: MetricStanding, u: UnitStanding): string {
  if (u.value === null) return "—";
  if (m.metric.type === "percent") return formatPercent(u.value, r.locale);
  if (u.ratio !== null) return formatPercent(u.ratio, r.locale);
  return formatValue(u.value, m.metric.type, r.locale);
}

/** An aligned monospace table (in a fenced block). */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const lines = rows.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c + " ".repeat(widths[i]! - [...c].length))).join("  ").trimEnd());
  return "```\n" + lines.join("\n") + "\n```";
}

/** A level's name for people ("huyện, thị xã, thành phố" for district); a campaign's own label otherwise. */
export function levelName(r: RenderCtx, level: string): string {
  const key = `progress:levels.${level}`;
  const name = r.t(key);
  return name === key || name === level ? level : name;
}

export { formatNumber };
