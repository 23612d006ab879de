/**
 * /tonghop [day] for leaders and admins: day X/N and phase; totals against targets with the daily rate still
 * needed; today's coverage; units projected to miss their target; units silent for 2+ days; the day's movers.
 */
import { lastReportDays } from "../../db/repos/reports.ts";
import { formatValue } from "../../render/format.ts";
import { header, metricBlock } from "../../render/progress.ts";
import { daysBetween, shortDay } from "../../time.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { readDayArg } from "../progress/day-arg.ts";
import { campaignSnapshot, type CampaignSnapshot } from "../progress/snapshot.ts";
import { campaignDay } from "../progress/today.ts";
import { pickMetric } from "./leaderboard.ts";

/** Units silent for this many days in a row are named. */
export const SILENT_DAYS = 2;
const MAX_NAMES = 15;

function names(list: string[]): string {
  return list.slice(0, MAX_NAMES).join(", ") + (list.length > MAX_NAMES ? ` (+${list.length - MAX_NAMES})` : "");
}

/** Units with no report on the day nor the day before, with how many days they have been silent. */
export function silentUnits(s: CampaignSnapshot, lastDays: Map<string, string>): { name: string; days: number }[] {
  return s.campaign.units
    .filter((u) => !s.reportedToday.has(u.code) && !s.reportedYesterday.has(u.code))
    .map((u) => {
      const last = lastDays.get(u.code);
      return { name: u.name, days: last ? daysBetween(last, s.day) : daysBetween(s.campaign.start, s.day) + 1 };
    })
    .filter((x) => x.days >= SILENT_DAYS)
    .sort((a, b) => b.days - a.days);
}

export const summaryFeature: Feature = {
  name: "summary",
  commands: ["tonghop", "summary"],
  phrases: [/^(bao cao )?tong hop(?: ngay)?(?: (?<args>hom nay|hom qua|[0-9 ]+))?$/],
  allow: ["leader", "admin"],
  run(ctx, args) {
    const campaign = ctx.campaign;
    if (!campaign) return [say(ctx.t("common:noCampaign"))];
    const today = campaignDay(campaign, ctx.now);
    const asked = readDayArg(args, today);
    if (asked === "invalid") return [say(ctx.t("progress:summary.badDay", { value: args }))];
    const day = asked ?? today;
    if (day < campaign.start || day > campaign.end)
      return [say(ctx.t("reporting:outsideDates", { day: shortDay(day, true), start: shortDay(campaign.start, true), end: shortDay(campaign.end, true) }))];
    const s = campaignSnapshot(ctx.deps.db, campaign, day);
    const r = { t: ctx.t, locale: ctx.locale };
    const lines = [ctx.t("progress:summary.title", { name: campaign.name, day: shortDay(day) }), header(r, s)];
    const missing = campaign.units.length - s.reportedToday.size;
    lines.push(ctx.t("progress:summary.coverage", { x: s.reportedToday.size, y: campaign.units.length, missing }), "");
    for (const m of s.metrics) lines.push(...metricBlock(r, m, m));

    const main = s.metrics.find((m) => m.metric.key === pickMetric(campaign, "")?.key) ?? s.metrics[0]!;
    const behind = main.units.filter((u) => u.standing === "behind").map((u) => u.unit.name);
    lines.push("", behind.length ? ctx.t("progress:summary.behind", { label: main.metric.label, count: behind.length, units: names(behind) }) : ctx.t("progress:summary.noneBehind", { label: main.metric.label }));

    const silentCandidates = campaign.units.filter((u) => !s.reportedToday.has(u.code) && !s.reportedYesterday.has(u.code)).map((u) => u.code);
    const silent = silentUnits(s, lastReportDays(ctx.deps.db, campaign.id, silentCandidates, day));
    if (silent.length) lines.push(ctx.t("progress:summary.silent", { count: silent.length, units: names(silent.map((x) => ctx.t("progress:summary.silentUnit", { name: x.name, days: x.days }))) }));

    if (main.metric.type !== "percent") {
      const movers = main.units.filter((u) => u.change !== null && u.change > 0 && s.reportedToday.has(u.unit.code)).sort((a, b) => b.change! - a.change!).slice(0, 3);
      if (movers.length)
        lines.push(ctx.t("progress:summary.movers", { label: main.metric.label, units: movers.map((u) => `${u.unit.name} +${formatValue(u.change!, main.metric.type, ctx.locale)}`).join(", ") }));
    }
    return [say(lines.join("\n"))];
  },
};
