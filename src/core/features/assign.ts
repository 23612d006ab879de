/**
 * Admin actions by replying to a member's message: /gan <unit> makes him a reporter of the unit (his pending
 * reports then count); /capquyen lanhdao|quantri|bo grants or removes the leader or admin role.
 */
import type { Platform } from "../types.ts";
import { addReporterUnit, setMemberRole, upsertMember } from "../../db/repos/members.ts";
import { foldKey } from "../../text/fold.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { findUnitIn } from "../reporting/find-unit.ts";
import { countPendingReports } from "./register.ts";

export const assignFeature: Feature = {
  name: "assign",
  commands: ["gan", "assign"],
  allow: ["admin"],
  run(ctx, args) {
    const { t, deps, msg } = ctx;
    const target = msg.replyTo;
    if (!target?.senderId || !args) return [say(t("reporting:assign.usage"))];
    const found = findUnitIn(deps.campaigns.list(), args, ctx.campaign);
    if (!found) return [say(t("reporting:register.unitNotFound", { query: args }))];
    const member = upsertMember(deps.db, { platform: msg.platform as Platform, platformUserId: target.senderId, displayName: target.senderName ?? "" });
    addReporterUnit(deps.db, member.id, found.campaign.id, found.unit.code);
    const counted = countPendingReports(ctx, member.id, found.campaign);
    return [say(t("reporting:assign.done", { name: member.displayName || target.senderId, unit: found.unit.name, counted }))];
  },
};

const ROLE_WORDS: Record<string, "leader" | "admin" | "member"> = {
  "lanh dao": "leader",
  lanhdao: "leader",
  leader: "leader",
  "quan tri": "admin",
  quantri: "admin",
  admin: "admin",
  bo: "member",
  "bo quyen": "member",
  none: "member",
};

export const grantFeature: Feature = {
  name: "grant",
  commands: ["capquyen", "grant"],
  allow: ["admin"],
  run(ctx, args) {
    const { t, deps, msg } = ctx;
    const role = ROLE_WORDS[foldKey(args)];
    if (!msg.replyTo?.senderId || !role) return [say(t("reporting:grant.usage"))];
    const member = upsertMember(deps.db, { platform: msg.platform, platformUserId: msg.replyTo.senderId, displayName: msg.replyTo.senderName ?? "" });
    setMemberRole(deps.db, member.id, role);
    return [say(t(`reporting:grant.done.${role}`, { name: member.displayName || msg.replyTo.senderId }))];
  },
};
