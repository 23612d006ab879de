/**
 * /tonghop [day] for leaders and admins: day X/N and phase; totals against targets with the daily rate still
 * needed; today's coverage; units projected to miss their target; units silent for 2+ days; the day's movers.
 */
import { lastReportDays, unitsReportedOn } from "../../db/repos/reports.ts";
import { formatValue } from "../../render/format.ts";
import type { Campaign } from "../../campaigns/schema.ts";
import type { Db } from "../../db/client.ts";
import { header, metricBlock, type RenderCtx } from "../../render/progress.ts";
import { addDays, daysBetween, shortDay } from "../../time.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { summaryDay } from "../progress/day-arg.ts";
import { topBy } from "../progress/ranking.ts";
import { campaignSnapshot, type CampaignSnapshot } from "../progress/snapshot.ts";
import { pickMetric } from "./leaderboard.ts";
import { chartArgs, summaryChart } from "./charts.ts";

const MAX_NAMES = 15;

/** The first names of `list` and how many more: only the names shown are made (a translation each can cost). */
function names<T>(list: readonly T[], name: (item: T) => string): string {
  return list.slice(0, MAX_NAMES).map(name).join(", ") + (list.length > MAX_NAMES ? ` (+${list.length - MAX_NAMES})` : "");
}

/** Units with no report for the campaign's escalation days (default 2) in a row, most silent first. */
export function silentUnits(db: Db, s: CampaignSnapshot): { code: string; name: string; days: number }[] {
  const need = s.campaign.escalation.days;
  const reportedYesterday = need < 2 ? new Set<string>() : unitsReportedOn(db, s.campaign.id, addDays(s.day, -1));
  const candidates = s.campaign.units.filter((u) => !s.reportedToday.has(u.code) && !reportedYesterday.has(u.code));
  const lastDays = lastReportDays(db, s.campaign.id, candidates.map((u) => u.code), s.day);
  return candidates
    .map((u) => {
      const last = lastDays.get(u.code);
      return { code: u.code, name: u.name, days: last ? daysBetween(last, s.day) : daysBetween(s.campaign.start, s.day) + 1 };
    })
    .filter((x) => x.days >= need)
    .sort((a, b) => b.days - a.days);
}

/** The leadership summary of `day` as reply markup (also posted by the scheduler as the weekly digest). */
export function summaryText(r: RenderCtx, db: Db, campaign: Campaign, day: string): string {
  const { t } = r;
  const mainKey = pickMetric(campaign, "")?.key ?? campaign.metrics[0]!.key;
  const s = campaignSnapshot(db, campaign, day, { unitsFor: [mainKey] });
  const lines = [t("progress:summary.title", { name: campaign.name, day: shortDay(day) }), header(r, s)];
  const missing = campaign.units.length - s.reportedToday.size;
  lines.push(t("progress:summary.coverage", { x: s.reportedToday.size, y: campaign.units.length, missing }), "");
  for (const m of s.metrics) lines.push(...metricBlock(r, m, m));

  const main = s.metrics.find((m) => m.metric.key === mainKey)!;
  const behind = main.units.filter((u) => u.standing === "behind");
  lines.push("", behind.length ? t("progress:summary.behind", { label: main.metric.label, count: behind.length, units: names(behind, (u) => u.unit.name) }) : t("progress:summary.noneBehind", { label: main.metric.label }));

  const silent = silentUnits(db, s);
  if (silent.length) lines.push(t("progress:summary.silent", { count: silent.length, units: names(silent, (x) => t("progress:summary.silentUnit", { name: x.name, days: x.days })) }));

  if (main.metric.type !== "percent") {
    const movers = topBy(main.units.filter((u) => u.change !== null && u.change > 0 && u.reportedToday), 3, (u) => u.change!);
    if (movers.length)
      lines.push(t("progress:summary.movers", { label: main.metric.label, units: movers.map((u) => `${u.unit.name} +${formatValue(u.change!, main.metric.type, r.locale)}`).join(", ") }));
  }
  return lines.join("\n");
}

export const summaryFeature: Feature = {
  name: "summary",
  commands: ["tonghop", "summary"],
  phrases: [/^(bao cao )?tong hop(?: ngay)?(?: (?<args>hom nay|hom qua|[0-9 ]+))?$/],
  allow: ["leader", "admin"],
  run(ctx, args) {
    const chart = chartArgs(args);
    if (chart !== null) return summaryChart(ctx, chart);
    const campaign = ctx.campaign;
    if (!campaign) return [say(ctx.t("common:noCampaign"))];
    const asked = summaryDay(ctx, campaign, args);
    if ("reply" in asked) return asked.reply;
    return [say(summaryText({ t: ctx.t, locale: ctx.locale }, ctx.deps.db, campaign, asked.day))];
  },
};
