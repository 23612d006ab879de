/**
 * /bxh [metric] ("bảng xếp hạng", "xếp hạng"): units ranked by % of target (counts, money) or by level (percent
 * metrics, lower first where lower is better), with the change since yesterday, ties sharing a rank, units that
 * have not reported listed as such, one table per level when a campaign mixes levels.
 */
import type { Campaign, Metric } from "../../campaigns/schema.ts";
import { header, levelName, rankChange, scoreText, table, type RenderCtx } from "../../render/progress.ts";
import { foldKey } from "../../text/fold.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { competitionRanks } from "../progress/ranking.ts";
import { campaignSnapshot, type CampaignSnapshot, type MetricStanding, type UnitStanding } from "../progress/snapshot.ts";
import { campaignDay } from "../progress/today.ts";
import { chartArgs, leaderboardChart } from "./charts.ts";

/** Lists longer than this show the top and the bottom with the count in between. */
export const LONG_LIST = 20;
const TOP = 10;
const BOTTOM = 5;

/** The metric a query names (key, label or alias, folded); the first metric with a target by default. */
export function pickMetric(campaign: Campaign, query: string): Metric | null {
  const q = foldKey(query);
  if (!q) return campaign.metrics.find((m) => m.target !== undefined || campaign.phases.some((p) => m.key in p.targets)) ?? campaign.metrics[0]!;
  const names = (m: Metric) => [m.key, m.label, ...m.aliases].map(foldKey);
  return campaign.metrics.find((m) => names(m).includes(q)) ?? campaign.metrics.find((m) => names(m).some((n) => n.includes(q) || q.includes(n))) ?? null;
}

function rankRows(r: RenderCtx, m: MetricStanding, units: UnitStanding[]): string[][] {
  const row = (u: UnitStanding) => [u.rank === null ? "" : String(u.rank), u.unit.name, scoreText(r, m, u), rankChange(u)];
  const ranked = units.filter((u) => u.rank !== null);
  if (ranked.length <= LONG_LIST) return ranked.map(row);
  const hidden = ranked.length - TOP - BOTTOM;
  return [...ranked.slice(0, TOP).map(row), ["", r.t("progress:board.hidden", { count: hidden }), "", ""], ...ranked.slice(-BOTTOM).map(row)];
}

/** The units of one level, ranked among themselves today and yesterday (ties stay ties). */
function within(units: UnitStanding[]): UnitStanding[] {
  const now = competitionRanks(units.map((u) => u.rank), true);
  const before = competitionRanks(units.map((u) => u.prevRank), true);
  return units.map((u, i) => ({ ...u, rank: now[i]!, prevRank: before[i]! }));
}

/** The leaderboard of `metric` on `day` as reply markup (also posted by the scheduler). */
export function leaderboardText(r: RenderCtx, snapshot: CampaignSnapshot, metric: Metric): string {
  const { campaign } = snapshot;
  const m = snapshot.metrics.find((x) => x.metric.key === metric.key)!;
  const lines = [r.t("progress:board.title", { label: metric.label }), header(r, snapshot)];
  const basis = metric.type === "percent" ? (metric.better === "lower" ? "lowerFirst" : "level") : "ofTarget";
  lines.push(r.t(`progress:board.basis.${basis}`));
  const levels = [...new Set(campaign.units.map((u) => u.level))];
  for (const level of levels) {
    const units = levels.length > 1 ? within(m.units.filter((u) => u.unit.level === level)) : m.units;
    if (levels.length > 1) lines.push("", `**${r.t("progress:board.level", { level: levelName(r, level) })}**`);
    const rows = rankRows(r, m, units);
    if (rows.length) lines.push(table(rows));
    const missing = units.filter((u) => u.rank === null).map((u) => u.unit.name);
    if (missing.length) lines.push(r.t("progress:board.noFigure", { count: missing.length, units: missing.slice(0, 30).join(", ") + (missing.length > 30 ? "…" : "") }));
  }
  return lines.join("\n");
}

export const leaderboardFeature: Feature = {
  name: "leaderboard",
  commands: ["bxh", "xephang", "leaderboard"],
  phrases: [/^(xem )?(bang )?xep hang(?: (?<args>[^0-9]+))?$/, /^bxh(?: (?<args>[^0-9]+))?$/],
  run(ctx, args) {
    const chart = chartArgs(args);
    if (chart !== null) return leaderboardChart(ctx, chart);
    const campaign = ctx.campaign;
    if (!campaign) return [say(ctx.t("common:noCampaign"))];
    const metric = pickMetric(campaign, args);
    if (!metric) return [say(ctx.t("progress:board.unknownMetric", { query: args, metrics: campaign.metrics.map((m) => m.label).join("; ") }))];
    const snapshot = campaignSnapshot(ctx.deps.db, campaign, campaignDay(campaign, ctx.now), { metrics: [metric.key], pace: false });
    return [say(leaderboardText({ t: ctx.t, locale: ctx.locale }, snapshot, metric))];
  },
};
