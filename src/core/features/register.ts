/**
 * /dangky: a member asks to report for a unit. With a join code from /mamoi he is approved at once; otherwise
 * the admins get the request with approve / deny buttons (Telegram) or /duyet N and /tuchoi N.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import { addReporterUnit, getMember, reporterUnits } from "../../db/repos/members.ts";
import { pendingReportsOf } from "../../db/repos/reports.ts";
import { countJoinCodeUse, createRequest, decideRequest, getRequest, usableJoinCode } from "../../db/repos/registrations.ts";
import { adminAddresses } from "../admins.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";
import { activatePending } from "../reporting/ingest.ts";
import { findUnitIn } from "../reporting/find-unit.ts";
import { resolveRoles } from "../roles.ts";
import type { Platform, Reply } from "../types.ts";

/** Counts the member's pending reports for the campaign now that he reports for a unit; returns how many. */
export function countPendingReports(ctx: Ctx, memberId: number, campaign: Campaign): number {
  const member = getMember(ctx.deps.db, memberId);
  if (!member) return 0;
  const { roles, units } = resolveRoles(ctx.deps.db, member, ctx.deps.admins);
  const senderCtx: Ctx = { ...ctx, member, roles, units };
  let counted = 0;
  for (const report of pendingReportsOf(ctx.deps.db, member.platform, member.platformUserId)) {
    if (report.campaignId !== campaign.id) continue;
    const outcome = activatePending(senderCtx, campaign, report);
    if (outcome.report?.status === "active") counted++;
  }
  return counted;
}

function unitName(campaign: Campaign, code: string): string {
  return campaign.units.find((u) => u.code === code)?.name ?? code;
}

export const registerFeature: Feature = {
  name: "register",
  commands: ["dangky", "register"],
  phrases: [/^dang ky (bao cao|nguoi bao cao)(?: cho)?(?: don vi)? (?<args>.+)$/],
  run(ctx, args) {
    const { t, deps, msg } = ctx;
    if (!args) {
      const units = ctx.campaign ? ctx.campaign.units.map((u) => `${u.code} (${u.name})`).join(", ") : "";
      return [say(`${t("reporting:register.usage")}${units ? `\n${t("reporting:register.units", { units })}` : ""}`)];
    }
    const code = usableJoinCode(deps.db, args, ctx.now.getTime());
    if (code) {
      const campaign = deps.campaigns.get(code.campaignId);
      if (!campaign) return [say(t("reporting:register.codeInvalid"))];
      addReporterUnit(deps.db, ctx.member.id, campaign.id, code.unitCode);
      countJoinCodeUse(deps.db, code.code);
      const counted = countPendingReports(ctx, ctx.member.id, campaign);
      return [say(t("reporting:register.approvedByCode", { unit: unitName(campaign, code.unitCode), name: msg.senderName, counted }))];
    }
    const found = findUnitIn(deps.campaigns.list(), args, ctx.campaign);
    if (!found) return [say(t("reporting:register.unitNotFound", { query: args }))];
    const { campaign, unit } = found;
    if (reporterUnits(deps.db, ctx.member.id, campaign.id).some((u) => u.unitCode === unit.code))
      return [say(t("reporting:register.already", { unit: unit.name }))];
    const admins = adminAddresses(deps);
    if (admins.length === 0) return [say(t("reporting:register.noAdmins"))];
    const req = createRequest(deps.db, { memberId: ctx.member.id, campaignId: campaign.id, unitCode: unit.code, platform: msg.platform, chatId: msg.chatId });
    const notices: Reply[] = admins.map((to) => ({
      to,
      text: deps.i18n.t(deps.i18n.defaultLocale)("reporting:register.adminRequest", { id: req.id, name: msg.senderName, unit: unit.name, code: unit.code, campaign: campaign.name }),
      buttons: [[{ label: t("reporting:register.approveButton"), data: `reg:approve:${req.id}` }, { label: t("reporting:register.denyButton"), data: `reg:deny:${req.id}` }]],
    }));
    return [say(t("reporting:register.sent", { unit: unit.name })), ...notices];
  },
};

/** Approves or denies request `id`; shared by /duyet, /tuchoi and the buttons. */
export function decide(ctx: Ctx, idText: string, approve: boolean): Reply[] {
  const { t, deps } = ctx;
  const id = Number(idText.replace(/^#/, ""));
  const req = Number.isInteger(id) && id > 0 ? getRequest(deps.db, id) : undefined;
  if (!req) return [say(t("reporting:register.noRequest", { id: idText || "?" }))];
  const campaign = deps.campaigns.get(req.campaignId);
  const requester = getMember(deps.db, req.memberId);
  if (!campaign || !requester) return [say(t("reporting:register.noRequest", { id: idText }))];
  if (!decideRequest(deps.db, req.id, approve ? "approved" : "denied", ctx.member.id))
    return [say(t("reporting:register.alreadyDecided", { id: req.id, status: t(`reporting:register.status.${req.status}`) }))];
  const unit = unitName(campaign, req.unitCode);
  let counted = 0;
  if (approve) {
    addReporterUnit(deps.db, requester.id, campaign.id, req.unitCode);
    counted = countPendingReports(ctx, requester.id, campaign);
  }
  const key = approve ? "approved" : "denied";
  return [
    say(t(`reporting:register.${key}Admin`, { id: req.id, name: requester.displayName, unit, counted })),
    { to: { platform: req.platform as Platform, chatId: req.chatId }, text: t(`reporting:register.${key}Member`, { name: requester.displayName, unit, counted }) },
  ];
}

export const approveFeature: Feature = {
  name: "approve",
  commands: ["duyet", "approve"],
  allow: ["admin"],
  run: (ctx, args) => decide(ctx, args.trim(), true),
};

export const denyFeature: Feature = {
  name: "deny",
  commands: ["tuchoi", "deny"],
  allow: ["admin"],
  run: (ctx, args) => decide(ctx, args.trim(), false),
};
