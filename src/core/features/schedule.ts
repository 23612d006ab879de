/** /nhacnho: remind now; /lich: the campaign's schedule and today's runs; /tamdung, /tieptuc: pause and resume. */
import { campaignChats } from "../../db/repos/chats.ts";
import { reminderReply } from "../../scheduling/messages.ts";
import { isPaused, jobRan, jobsOn, setPaused } from "../../scheduling/scheduler.ts";
import { localTime, shortDay } from "../../time.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";
import { campaignDay } from "../progress/today.ts";
import type { Platform, Reply } from "../types.ts";

function noCampaign(ctx: Ctx): Reply[] {
  return [say(ctx.t("common:noCampaign"))];
}

export const remindNowFeature: Feature = {
  name: "remindNow",
  commands: ["nhacnho", "remind"],
  allow: ["admin"],
  run(ctx) {
    const campaign = ctx.campaign;
    if (!campaign) return noCampaign(ctx);
    const day = campaignDay(campaign, ctx.now);
    const chats = campaignChats(ctx.deps.db, campaign.id, "reports");
    const out: Reply[] = [];
    for (const chat of chats) {
      const reply = reminderReply(ctx.deps.db, ctx.t, campaign, day, chat.platform as Platform, "reminder");
      if (reply) out.push({ ...reply, to: { platform: chat.platform as Platform, chatId: chat.chatId } });
    }
    if (chats.length === 0) return [say(ctx.t("schedule:remindNow.noChats"))];
    const inThisChat = out.some((r) => r.to?.platform === ctx.msg.platform && r.to.chatId === ctx.msg.chatId);
    if (out.length === 0) return [say(ctx.t("schedule:remindNow.allReported"))];
    return inThisChat ? out : [...out, say(ctx.t("schedule:remindNow.sent", { count: out.length }))];
  },
};

export const scheduleFeature: Feature = {
  name: "schedule",
  commands: ["lich", "schedule"],
  phrases: [/^(xem )?lich (nhac|nhac nho|bao cao)$/],
  run(ctx) {
    const campaign = ctx.campaign;
    if (!campaign) return noCampaign(ctx);
    const s = campaign.schedule;
    if (!s) return [say(ctx.t("schedule:list.none", { name: campaign.name }))];
    const day = localTime(ctx.now, campaign.timezone).day;
    const lines = [ctx.t("schedule:list.title", { name: campaign.name, day: shortDay(day) })];
    if (isPaused(ctx.deps.db, campaign.id)) lines.push(ctx.t("schedule:list.paused"));
    const jobs = jobsOn(campaign, day);
    if (jobs.length === 0) lines.push(ctx.t("schedule:list.noneToday"));
    const nowMin = localTime(ctx.now, campaign.timezone).minutes;
    for (const job of jobs) {
      const [h, m] = job.at.split(":").map(Number);
      const state = jobRan(ctx.deps.db, campaign.id, job.id, day) ? "done" : h! * 60 + m! <= nowMin ? "missed" : "next";
      lines.push(ctx.t("schedule:list.line", { at: job.at, job: ctx.t(`schedule:jobs.${job.kind}`), state: ctx.t(`schedule:list.state.${state}`) }));
    }
    if (s.digest) lines.push(ctx.t("schedule:list.digest", { weekday: ctx.t(`schedule:weekdays.${s.digest.weekday}`), at: s.digest.at }));
    if (s.daysOff.length) lines.push(ctx.t("schedule:list.daysOff", { days: s.daysOff.map((d) => shortDay(d)).join(", ") }));
    return [say(lines.join("\n"))];
  },
};

function pauseFeature(name: string, commands: string[], paused: boolean): Feature {
  return {
    name,
    commands,
    allow: ["admin"],
    run(ctx) {
      const campaign = ctx.campaign;
      if (!campaign) return noCampaign(ctx);
      setPaused(ctx.deps.db, campaign.id, paused);
      return [say(ctx.t(paused ? "schedule:paused" : "schedule:resumed", { name: campaign.name }))];
    },
  };
}

export const pauseCampaignFeature = pauseFeature("pause", ["tamdung", "pause"], true);
export const resumeCampaignFeature = pauseFeature("resume", ["tieptuc", "resume"], false);
