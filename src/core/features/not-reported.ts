/** /chuabaocao: the units that have not reported today, with their reporters' names. */
import { unitReporterMembers } from "../../db/repos/members.ts";
import { unitsReportedOn } from "../../db/repos/reports.ts";
import { shortDay } from "../../time.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { campaignDay } from "../progress/today.ts";

/** More missing units than this are counted, not all listed. */
const MAX_LISTED = 50;

export const notReportedFeature: Feature = {
  name: "notReported",
  commands: ["chuabaocao", "missing"],
  phrases: [/^(nhung |cac )?(don vi )?(nao )?chua (gui )?bao cao( hom nay)?$/, /^(don vi )?nao chua (gui )?bao cao( hom nay)?$/],
  run(ctx) {
    const campaign = ctx.campaign;
    if (!campaign) return [say(ctx.t("common:noCampaign"))];
    const day = campaignDay(campaign, ctx.now);
    const reported = unitsReportedOn(ctx.deps.db, campaign.id, day);
    const missing = campaign.units.filter((u) => !reported.has(u.code));
    if (missing.length === 0) return [say(ctx.t("progress:missing.none", { day: shortDay(day), count: campaign.units.length }))];
    const lines = [ctx.t("progress:missing.title", { day: shortDay(day), x: missing.length, y: campaign.units.length })];
    for (const u of missing.slice(0, MAX_LISTED)) {
      const names = unitReporterMembers(ctx.deps.db, campaign.id, u.code).map((m) => m.displayName).filter(Boolean);
      lines.push(`• ${u.name}${names.length ? ` (${names.join(", ")})` : ` (${ctx.t("progress:missing.noReporter")})`}`);
    }
    if (missing.length > MAX_LISTED) lines.push(ctx.t("progress:missing.more", { count: missing.length - MAX_LISTED }));
    return [say(lines.join("\n"))];
  },
};
