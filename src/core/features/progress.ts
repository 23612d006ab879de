/**
 * /tiendo [unit | level | all] and "tiến độ?", "tien do Bình Sơn", "huyện Ba Tơ đạt bao nhiêu rồi",
 * "toàn tỉnh được bao nhiêu %". A reporter in a private chat gets his unit; a group gets the whole campaign.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import { header, levelName, metricBlock, rankChange, scoreText, table, valueVsTarget, type RenderCtx } from "../../render/progress.ts";
import { pickMetric } from "./leaderboard.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";
import { readScope, type Scope } from "../progress/scope.ts";
import { campaignSnapshot, type CampaignSnapshot } from "../progress/snapshot.ts";
import { campaignDay } from "../progress/today.ts";
import type { Reply } from "../types.ts";

function campaignView(r: RenderCtx, s: CampaignSnapshot): string {
  const lines = [r.t("progress:campaignTitle", { name: s.campaign.name }), header(r, s), r.t("progress:reportedToday", { x: s.reportedToday.size, y: s.campaign.units.length }), ""];
  for (const m of s.metrics) lines.push(...metricBlock(r, m, m));
  return lines.join("\n");
}

function unitView(r: RenderCtx, s: CampaignSnapshot, code: string): string {
  const unit = s.campaign.units.find((u) => u.code === code)!;
  const lines = [r.t("progress:unitTitle", { name: unit.name }), header(r, s)];
  lines.push(r.t(s.reportedToday.has(code) ? "progress:unitReported" : "progress:unitNotReported"), "");
  const ranked = s.metrics[0]?.units.filter((u) => u.rank !== null).length ?? 0;
  for (const m of s.metrics) {
    const u = m.units.find((x) => x.unit.code === code)!;
    const rank = u.rank !== null ? r.t("progress:rank", { rank: u.rank, of: m.units.filter((x) => x.rank !== null).length || ranked, change: rankChange(u) }).trimEnd() : "";
    lines.push(...metricBlock(r, m, u, rank ? `— ${rank}` : ""));
  }
  return lines.join("\n");
}

/** A level's totals for every metric, then its units ranked on the main metric. */
function levelView(r: RenderCtx, s: CampaignSnapshot, level: string, mainKey: string): string {
  const lines = [r.t("progress:levelTitle", { level: levelName(r, level), name: s.campaign.name }), header(r, s)];
  const inLevel = new Set(s.campaign.units.filter((u) => u.level === level).map((u) => u.code));
  lines.push(r.t("progress:reportedToday", { x: [...inLevel].filter((c) => s.reportedToday.has(c)).length, y: inLevel.size }), "");
  for (const m of s.metrics) {
    const units = m.units.filter((u) => inLevel.has(u.unit.code) && u.value !== null);
    if (units.length === 0) continue;
    const total = units.reduce((sum, u) => sum + u.value!, 0);
    const value = m.metric.type === "percent" ? total / units.length : total;
    const targets = m.units.filter((u) => inLevel.has(u.unit.code)).map((u) => u.target);
    // A level's target: the sum of its units' (counts, money), or their common level (percent metrics).
    const same = targets.every((t) => t === targets[0]);
    const target = targets.some((t) => t === null) ? null : m.metric.type === "percent" ? (same ? targets[0]! : null) : targets.reduce((a, t) => a! + t!, 0);
    lines.push(`**${m.metric.label}**: ${valueVsTarget(r, m, { ...m, value, target, ratio: target && m.metric.type !== "percent" ? (value / target) * 100 : value })}`);
  }
  const main = s.metrics.find((m) => m.metric.key === mainKey) ?? s.metrics[0]!;
  const rows = main.units.filter((u) => inLevel.has(u.unit.code)).map((u) => [u.unit.name, scoreText(r, main, u), rankChange(u)]);
  lines.push("", `**${main.metric.label}**`, table(rows));
  return lines.join("\n");
}

/** The scope when none was named: a reporter's own unit in private, else the whole campaign. */
function defaultScope(ctx: Ctx, campaign: Campaign): Scope {
  const mine = ctx.units.filter((u) => u.campaignId === campaign.id);
  const unit = mine.length === 1 ? campaign.units.find((u) => u.code === mine[0]!.unitCode) : undefined;
  return ctx.msg.chatType === "private" && unit ? { kind: "unit", unit } : { kind: "all" };
}

export function progressAnswer(ctx: Ctx, args: string): Reply[] {
  const campaign = ctx.campaign;
  if (!campaign) return [say(ctx.t("common:noCampaign"))];
  const scope = readScope(campaign, args, defaultScope(ctx, campaign));
  if (scope.kind === "unknown") return [say(ctx.t("progress:unknownScope", { query: scope.query }))];
  // The whole campaign needs totals only; a unit or a level needs every unit's standing.
  const snapshot = campaignSnapshot(ctx.deps.db, campaign, campaignDay(campaign, ctx.now), scope.kind === "all" ? { unitsFor: [] } : {});
  const r = { t: ctx.t, locale: ctx.locale };
  if (scope.kind === "unit") return [say(unitView(r, snapshot, scope.unit.code))];
  if (scope.kind === "level") return [say(levelView(r, snapshot, scope.level, pickMetric(campaign, "")?.key ?? ""))];
  return [say(campaignView(r, snapshot))];
}

export const progressFeature: Feature = {
  name: "progress",
  commands: ["tiendo", "progress"],
  // Phrases never contain digits: "Tiến độ kích hoạt ngày 21/6: 856" is a report, not a question.
  phrases: [
    /^(xem |cho xem |bao cao )?tien do(?: cua)?(?: (?<args>[^0-9]+))?$/,
    /^(?<args>[^0-9]+?) (dat|duoc|lam duoc) (bao nhieu|may)( phan tram| tai khoan| ho so)?( roi)?$/,
  ],
  run: (ctx, args) => progressAnswer(ctx, args),
};
