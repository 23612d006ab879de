/**
 * /dashboard [campaign id] for leaders and admins, in a private chat only: a signed link to the campaign's web
 * dashboard, valid for a configured time (DASHBOARD_LINK_HOURS). Without a campaign named, the chat's or the
 * sender's campaign; when none is known, one link per loaded campaign.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import { localTime, shortDay } from "../../time.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";

function expiryText(at: Date, timeZone: string): string {
  const { day, minutes } = localTime(at, timeZone);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  return `${hhmm} ${shortDay(day, true)}`;
}

function linkLine(ctx: Ctx, campaign: Campaign): string {
  const { url, expiresAt } = ctx.deps.dashboard!.link(campaign.id, ctx.now);
  return ctx.t("dashboard:link", { name: campaign.name, until: expiryText(expiresAt, campaign.timezone), url });
}

export const dashboardFeature: Feature = {
  name: "dashboard",
  commands: ["dashboard", "bangtheodoi"],
  phrases: [/^(mo |xem )?(dashboard|bang theo doi)$/],
  allow: ["leader", "admin"],
  where: "private",
  run(ctx, args) {
    if (!ctx.deps.dashboard) return [say(ctx.t("dashboard:off"))];
    const id = args.trim();
    const named = id ? ctx.deps.campaigns.get(id) : ctx.campaign;
    if (id && !named) return [say(ctx.t("dashboard:unknown", { id, known: ctx.deps.campaigns.list().map((c) => c.id).join(", ") }))];
    const campaigns = named ? [named] : ctx.deps.campaigns.list();
    return [say([...campaigns.map((c) => linkLine(ctx, c)), ctx.t("dashboard:private")].join("\n\n"))];
  },
};
