/** /ketnoi: an admin binds a group to a campaign, as its reports group or its leadership group. /huyketnoi undoes it. */
import { bindChat, unbindChat } from "../../db/repos/chats.ts";
import { foldKey } from "../../text/fold.ts";
import { shortDay } from "../../time.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";

const PURPOSES: Record<string, "reports" | "leadership"> = {
  reports: "reports",
  baocao: "reports",
  "bao cao": "reports",
  leadership: "leadership",
  lanhdao: "leadership",
  "lanh dao": "leadership",
};

function campaignList(ctx: Ctx): string {
  return ctx.deps.campaigns
    .list()
    .map((c) => `• ${c.id}: ${c.name} (${shortDay(c.start, true)} – ${shortDay(c.end, true)})`)
    .join("\n");
}

export const bindFeature: Feature = {
  name: "bind",
  commands: ["ketnoi", "bind"],
  allow: ["admin"],
  where: "group",
  run(ctx, args) {
    const [id, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!id) return [say(`${ctx.t("reporting:bind.list")}\n${campaignList(ctx)}\n\n${ctx.t("reporting:bind.usage")}`)];
    const campaign = ctx.deps.campaigns.get(id.toLowerCase());
    if (!campaign) return [say(`${ctx.t("reporting:bind.unknown", { id })}\n${campaignList(ctx)}`)];
    const purposeWord = foldKey(rest.join(" ")) || "reports";
    const purpose = PURPOSES[purposeWord];
    if (!purpose) return [say(ctx.t("reporting:bind.usage"))];
    bindChat(ctx.deps.db, {
      platform: ctx.msg.platform,
      chatId: ctx.msg.chatId,
      campaignId: campaign.id,
      purpose,
      title: ctx.msg.chatTitle ?? null,
      boundBy: ctx.member.id,
    });
    return [say(ctx.t(`reporting:bind.done.${purpose}`, { name: campaign.name }))];
  },
};

export const unbindFeature: Feature = {
  name: "unbind",
  commands: ["huyketnoi", "unbind"],
  allow: ["admin"],
  where: "group",
  run(ctx) {
    const removed = unbindChat(ctx.deps.db, ctx.msg.platform, ctx.msg.chatId);
    return [say(ctx.t(removed ? "reporting:bind.removed" : "reporting:bind.notBound"))];
  },
};
