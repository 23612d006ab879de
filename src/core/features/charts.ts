/**
 * Chart answers: "/bxh anh [metric]" (the leaderboard as a bar chart) and "/tonghop anh [day]" (the campaign's
 * cumulative figure against the line to its target). The leaderboard and summary features hand over to these
 * when their first word is "anh"/"ảnh"/"chart"/"biểu đồ"; the scheduler posts the bar chart after the daily
 * leaderboard when the campaign asks for it (`schedule.leaderboardChart`).
 */
import { and, between, eq, sql } from "drizzle-orm";
import type { Campaign, Metric } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { storedDay } from "../../db/repos/progress.ts";
import { unitProgress } from "../../db/schema.ts";
import { barChartSvg, lineChartSvg, svgToPng, type SeriesPoint } from "../../render/charts.ts";
import type { RenderCtx } from "../../render/progress.ts";
import { foldKey } from "../../text/fold.ts";
import { addDays, shortDay } from "../../time.ts";
import { say, type Ctx } from "../context.ts";
import { summaryDay } from "../progress/day-arg.ts";
import { campaignSnapshot, type CampaignSnapshot } from "../progress/snapshot.ts";
import { campaignDay } from "../progress/today.ts";
import type { Reply } from "../types.ts";
import { pickMetric } from "./leaderboard.ts";

const CHART_WORD = /^(anh|chart|bieu do|do thi)(?: |$)/;

/** The arguments after a chart word ("anh Kích hoạt" → "Kích hoạt"), or null when the first word is not one. */
export function chartArgs(args: string): string | null {
  const hit = CHART_WORD.exec(foldKey(args));
  if (!hit) return null;
  return args.trim().split(/\s+/).slice(hit[1]!.split(" ").length).join(" ");
}

/** The campaign's figure of `metric` per day from its start to `day`: the units' running totals summed (percent metrics: averaged). */
export function cumulativeSeries(db: Db, campaign: Campaign, metric: Metric, day: string): SeriesPoint[] {
  const value = metric.type === "percent" ? sql<number>`avg(${unitProgress.value})` : sql<number>`sum(${unitProgress.value})`;
  const stored = db
    .select({ day: unitProgress.day, value })
    .from(unitProgress)
    .where(and(eq(unitProgress.campaignId, campaign.id), eq(unitProgress.metricKey, metric.key), between(unitProgress.day, campaign.start, storedDay(db, campaign.id, day))))
    .groupBy(unitProgress.day)
    .orderBy(unitProgress.day)
    .all();
  // Past the last day anyone reported, the figures stand where they were.
  const last = stored.at(-1);
  if (last) for (let d = addDays(last.day, 1); d <= day; d = addDays(d, 1)) stored.push({ day: d, value: last.value });
  return stored;
}

function image(filename: string, svg: string, caption: string): Reply {
  return { text: caption, attachment: { kind: "image", filename, mimeType: "image/png", data: svgToPng(svg) } };
}

/** The leaderboard chart of `metric` (also posted by the scheduler). */
export function leaderboardChartReply(r: RenderCtx, snapshot: CampaignSnapshot, metric: Metric): Reply {
  return image("bxh.png", barChartSvg(r, snapshot, metric), r.t("charts:caption.bar", { label: metric.label, day: shortDay(snapshot.day, true) }));
}

/** The campaign line chart of `metric` on `day`. */
export function campaignChartReply(r: RenderCtx, db: Db, campaign: Campaign, metric: Metric, day: string): Reply {
  const snapshot = campaignSnapshot(db, campaign, day);
  const svg = lineChartSvg(r, snapshot, metric, cumulativeSeries(db, campaign, metric, day));
  return image("tonghop.png", svg, r.t("charts:caption.line", { label: metric.label, day: shortDay(day, true) }));
}

/** "/bxh anh [metric]". */
export function leaderboardChart(ctx: Ctx, args: string): Reply[] {
  const campaign = ctx.campaign;
  if (!campaign) return [say(ctx.t("common:noCampaign"))];
  const metric = pickMetric(campaign, args);
  if (!metric) return [say(ctx.t("progress:board.unknownMetric", { query: args, metrics: campaign.metrics.map((m) => m.label).join("; ") }))];
  const snapshot = campaignSnapshot(ctx.deps.db, campaign, campaignDay(campaign, ctx.now));
  return [leaderboardChartReply({ t: ctx.t, locale: ctx.locale }, snapshot, metric)];
}

/** "/tonghop anh [day]": the main metric's line chart. */
export function summaryChart(ctx: Ctx, args: string): Reply[] {
  const campaign = ctx.campaign;
  if (!campaign) return [say(ctx.t("common:noCampaign"))];
  const asked = summaryDay(ctx, campaign, args);
  if ("reply" in asked) return asked.reply;
  const metric = pickMetric(campaign, "")!;
  return [campaignChartReply({ t: ctx.t, locale: ctx.locale }, ctx.deps.db, campaign, metric, asked.day)];
}
