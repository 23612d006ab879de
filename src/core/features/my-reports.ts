/** /sua: my reports of today with their figures; /huy: withdraw my last report. */
import { currentValues, lastActiveReportOf, memberReportsOfDay } from "../../db/repos/reports.ts";
import { localTime, shortDay } from "../../time.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";
import { echoLines } from "../reporting/acknowledge.ts";
import { retractReport } from "../reporting/ingest.ts";
import type { Reply } from "../types.ts";

function needCampaign(ctx: Ctx): Reply[] | null {
  return ctx.campaign ? null : [say(ctx.t("common:noCampaign"))];
}

export const myReportsFeature: Feature = {
  name: "myReports",
  commands: ["sua", "baocaocuatoi", "myreports"],
  allow: ["reporter"],
  run(ctx) {
    const missing = needCampaign(ctx);
    if (missing) return missing;
    const campaign = ctx.campaign!;
    const today = localTime(ctx.now, campaign.timezone).day;
    const reports = memberReportsOfDay(ctx.deps.db, ctx.member.id, campaign.id, today);
    if (reports.length === 0) return [say(ctx.t("reporting:mine.none", { day: shortDay(today) }))];
    const lines = [ctx.t("reporting:mine.title", { day: shortDay(today) })];
    for (const r of reports) {
      const unit = campaign.units.find((u) => u.code === r.unitCode)?.name ?? r.unitCode ?? "?";
      const at = localTime(new Date(r.sentAt), campaign.timezone).minutes;
      const time = `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}`;
      lines.push(`**${time} — ${unit}** (${ctx.t(`reporting:mine.status.${r.status}`)})`);
      lines.push(...echoLines(ctx, campaign, currentValues(ctx.deps.db, r.id)));
    }
    lines.push("", ctx.t("reporting:mine.howToFix"));
    return [say(lines.join("\n"))];
  },
};

export const withdrawFeature: Feature = {
  name: "withdraw",
  commands: ["huy", "withdraw"],
  allow: ["reporter"],
  run(ctx) {
    const missing = needCampaign(ctx);
    if (missing) return missing;
    const campaign = ctx.campaign!;
    const last = lastActiveReportOf(ctx.deps.db, ctx.member.id, campaign.id);
    if (!last) return [say(ctx.t("reporting:withdraw.none"))];
    retractReport(ctx.deps.db, campaign, last);
    const unit = campaign.units.find((u) => u.code === last.unitCode)?.name ?? last.unitCode ?? "";
    return [say(ctx.t("reporting:withdraw.done", { unit, day: shortDay(last.day) }))];
  },
};
