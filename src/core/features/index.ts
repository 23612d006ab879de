/** Every feature the router knows, in routing order (phrases are tried in this order). */
import type { Feature } from "../feature.ts";
import { assignFeature, grantFeature } from "./assign.ts";
import { bindFeature, unbindFeature } from "./bind.ts";
import { dashboardFeature } from "./dashboard.ts";
import { createHelpFeature } from "./help.ts";
import { joinCodeFeature } from "./join-code.ts";
import { languageFeature } from "./language.ts";
import { myReportsFeature, withdrawFeature } from "./my-reports.ts";
import { approveFeature, decide, denyFeature, registerFeature } from "./register.ts";
import { findReportByMessage } from "../../db/repos/reports.ts";
import { say, type CoreDeps } from "../context.ts";
import type { ActionHandler, MessageRef } from "../handle-message.ts";
import { reportListener, retractReport } from "../reporting/ingest.ts";

/** Listeners for messages no command took, in order: a report first, then a citizen's question. */
export const LISTENERS = [reportListener, citizenListener];
import { citizenListener, createCitizenActions, faqStatsFeature } from "./citizen.ts";
import { leaderboardFeature } from "./leaderboard.ts";
import { notReportedFeature } from "./not-reported.ts";
import { progressFeature } from "./progress.ts";
import { pauseCampaignFeature, remindNowFeature, resumeCampaignFeature, scheduleFeature } from "./schedule.ts";
import { startFeature } from "./start.ts";
import { summaryFeature } from "./summary.ts";
import { exportFeature } from "./export.ts";
import { whoamiFeature } from "./whoami.ts";

/** Button handlers by the prefix of their data. */
export function createActions(): Record<string, ActionHandler> {
  return {
    ...createCitizenActions(),
    reg: (ctx, rest) => {
      const [verb, id] = rest.split(":");
      if (!ctx.roles.has("admin")) return [say(ctx.t("common:refused", { command: "", needed: ctx.t("common:roles.admin"), role: ctx.t("common:roles.citizen") }))];
      return decide(ctx, id ?? "", verb === "approve");
    },
  };
}

/** Withdraws the report a recalled message made. */
export function onRecall(deps: CoreDeps, ref: MessageRef): void {
  const report = findReportByMessage(deps.db, ref.platform, ref.chatId, ref.messageId);
  const campaign = report && deps.campaigns.get(report.campaignId);
  if (report && campaign && report.status !== "retracted") retractReport(deps.db, campaign, report);
}

export function createFeatures(): Feature[] {
  const features: Feature[] = [];
  features.push(
    startFeature,
    createHelpFeature(() => features),
    whoamiFeature,
    progressFeature,
    leaderboardFeature,
    notReportedFeature,
    summaryFeature,
    exportFeature,
    dashboardFeature,
    registerFeature,
    myReportsFeature,
    withdrawFeature,
    bindFeature,
    unbindFeature,
    joinCodeFeature,
    approveFeature,
    denyFeature,
    assignFeature,
    grantFeature,
    remindNowFeature,
    scheduleFeature,
    pauseCampaignFeature,
    resumeCampaignFeature,
    faqStatsFeature,
    languageFeature,
  );
  return features;
}
