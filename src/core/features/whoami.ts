/** /toila: who the bot thinks you are, your units and your role. */
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { primaryRole } from "../roles.ts";

export const whoamiFeature: Feature = {
  name: "whoami",
  commands: ["toila", "whoami"],
  phrases: [/^(toi la ai|minh la ai|who am i)$/],
  run(ctx) {
    const { t, deps } = ctx;
    const lines = [t("reporting:whoami.name", { name: ctx.msg.senderName, platform: ctx.msg.platform, id: ctx.msg.senderId })];
    lines.push(t("reporting:whoami.role", { role: t(`common:roles.${primaryRole(ctx.roles)}`) }));
    if (ctx.units.length) {
      const names = ctx.units.map((u) => {
        const c = deps.campaigns.get(u.campaignId);
        return `• ${c?.units.find((x) => x.code === u.unitCode)?.name ?? u.unitCode} (${u.unitCode}) — ${c?.name ?? u.campaignId}`;
      });
      lines.push(t("reporting:whoami.units"), ...names);
    } else lines.push(t("reporting:whoami.noUnits"));
    if (ctx.binding) {
      const c = deps.campaigns.get(ctx.binding.campaignId);
      lines.push(t(`reporting:whoami.chat.${ctx.binding.purpose}`, { name: c?.name ?? ctx.binding.campaignId }));
    }
    return [say(lines.join("\n"))];
  },
};
