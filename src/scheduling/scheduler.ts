/**
 * The campaign rhythm, in each campaign's own time zone: reminders before the deadline to units that have not
 * reported, the deadline notice (and escalation to leadership), the daily leaderboard, the weekly digest.
 *
 * Exactly once: each run is recorded (campaign, job, day) in the same transaction that queues its messages, so a
 * restart never sends twice. A job missed while the server was down runs at start-up if it is still within the
 * grace window (default 30 min); otherwise it is recorded as skipped and logged. Nothing runs outside the
 * campaign's dates or while it is paused; days off skip reminders and the deadline notice.
 */
import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Campaign } from "../campaigns/schema.ts";
import type { CampaignRegistry } from "../core/campaign-registry.ts";
import { leaderboardChartReply } from "../core/features/charts.ts";
import { leaderboardText, pickMetric } from "../core/features/leaderboard.ts";
import { silentUnits, summaryText } from "../core/features/summary.ts";
import { campaignSnapshot } from "../core/progress/snapshot.ts";
import type { Platform, Reply } from "../core/types.ts";
import type { Db } from "../db/client.ts";
import { campaignChats, type ChatBinding } from "../db/repos/chats.ts";
import { campaigns as campaignsTable, jobRuns } from "../db/schema.ts";
import type { I18n } from "../i18n.ts";
import { localTime, zonedInstant } from "../time.ts";
import { escalationText, reminderReply } from "./messages.ts";
import type { Outbox } from "./outbox.ts";

export type JobKind = "reminder" | "deadline" | "leaderboard" | "digest";

export interface Job {
  /** Unique within a campaign and day, e.g. "reminder@15:00". */
  id: string;
  kind: JobKind;
  at: string;
}

/** The jobs of `campaign` on `day` (its local day), in time order. */
export function jobsOn(campaign: Campaign, day: string): Job[] {
  const s = campaign.schedule;
  if (!s || day < campaign.start || day > campaign.end) return [];
  const jobs: Job[] = [];
  const off = s.daysOff.includes(day);
  if (!off) {
    for (const at of s.reminders) jobs.push({ id: `reminder@${at}`, kind: "reminder", at });
    jobs.push({ id: `deadline@${s.deadline}`, kind: "deadline", at: s.deadline });
  }
  if (s.leaderboard) jobs.push({ id: `leaderboard@${s.leaderboard}`, kind: "leaderboard", at: s.leaderboard });
  if (s.digest && new Date(`${day}T00:00:00Z`).getUTCDay() === s.digest.weekday) jobs.push({ id: `digest@${s.digest.at}`, kind: "digest", at: s.digest.at });
  return jobs.sort((a, b) => a.at.localeCompare(b.at));
}

export interface SchedulerDeps {
  db: Db;
  campaigns: CampaignRegistry;
  outbox: Outbox;
  i18n: I18n;
  logger: Logger;
  now?: () => Date;
  /** A missed job still runs this long after its time (default 30 min). */
  graceMs?: number;
  /** How often to look at the clock (default 20 s). */
  intervalMs?: number;
}

export function isPaused(db: Db, campaignId: string): boolean {
  return db.select({ paused: campaignsTable.paused }).from(campaignsTable).where(eq(campaignsTable.id, campaignId)).get()?.paused ?? false;
}

export function setPaused(db: Db, campaignId: string, paused: boolean): void {
  db.update(campaignsTable).set({ paused }).where(eq(campaignsTable.id, campaignId)).run();
}

export function jobRan(db: Db, campaignId: string, job: string, day: string): boolean {
  return db.select().from(jobRuns).where(and(eq(jobRuns.campaignId, campaignId), eq(jobRuns.job, job), eq(jobRuns.day, day))).get() !== undefined;
}

/** The messages a job sends, each with its chat. */
export function jobMessages(deps: Pick<SchedulerDeps, "db" | "i18n">, campaign: Campaign, job: Job, day: string): { chat: ChatBinding; reply: Reply }[] {
  const { db } = deps;
  const t = deps.i18n.t(deps.i18n.defaultLocale);
  const r = { t, locale: deps.i18n.defaultLocale };
  const chats = campaignChats(db, campaign.id);
  const reportChats = chats.filter((c) => c.purpose === "reports");
  const leaderChats = chats.filter((c) => c.purpose === "leadership");
  const out: { chat: ChatBinding; reply: Reply }[] = [];
  if (job.kind === "reminder" || job.kind === "deadline") {
    for (const chat of reportChats) {
      const reply = reminderReply(db, t, campaign, day, chat.platform as Platform, job.kind);
      if (reply) out.push({ chat, reply });
    }
    if (job.kind === "deadline" && campaign.escalation.notify) {
      const text = escalationText(t, silentUnits(db, campaignSnapshot(db, campaign, day, { unitsFor: [] })), campaign.escalation.days);
      if (text) for (const chat of leaderChats) out.push({ chat, reply: { text } });
    }
  } else if (job.kind === "leaderboard") {
    const metric = pickMetric(campaign, "");
    if (metric) {
      const snapshot = campaignSnapshot(db, campaign, day, { unitsFor: [metric.key] });
      const text = leaderboardText(r, snapshot, metric);
      // The chart rides on the leaderboard's own message: the outbox dedupes one message per job, chat and day.
      const chart = campaign.schedule?.leaderboardChart ? leaderboardChartReply(r, snapshot, metric).attachment : undefined;
      for (const chat of [...reportChats, ...leaderChats]) out.push({ chat, reply: chart ? { text, attachment: chart } : { text } });
    }
  } else {
    const text = summaryText(r, db, campaign, day);
    for (const chat of leaderChats) out.push({ chat, reply: { text } });
  }
  return out;
}

export interface Scheduler {
  start(): void;
  stop(): void;
  /** Runs what is due at `now` (the timer calls it; tests may too). Returns the jobs run. */
  tick(now?: Date): string[];
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { db, logger } = deps;
  const grace = deps.graceMs ?? 30 * 60_000;
  let timer: NodeJS.Timeout | undefined;

  function tick(now = deps.now?.() ?? new Date()): string[] {
    const ran: string[] = [];
    for (const campaign of deps.campaigns.list()) {
      const { day } = localTime(now, campaign.timezone);
      if (isPaused(db, campaign.id)) continue;
      for (const job of jobsOn(campaign, day)) {
        const due = zonedInstant(day, job.at, campaign.timezone).getTime();
        if (due > now.getTime() || jobRan(db, campaign.id, job.id, day)) continue;
        const late = now.getTime() - due > grace;
        db.transaction(() => {
          db.insert(jobRuns).values({ campaignId: campaign.id, job: job.id, day, status: late ? "skipped" : "ran", at: now.getTime() }).run();
          if (late) return;
          for (const { chat, reply } of jobMessages(deps, campaign, job, day)) {
            deps.outbox.enqueue({ ...reply, to: { platform: chat.platform as Platform, chatId: chat.chatId } }, { dedupeKey: `job:${campaign.id}:${job.id}:${day}:${chat.platform}:${chat.chatId}` });
          }
        });
        if (late) logger.warn({ campaign: campaign.id, job: job.id, day }, "scheduled job missed beyond the grace window: skipped");
        else {
          logger.info({ campaign: campaign.id, job: job.id, day }, "scheduled job ran");
          ran.push(`${campaign.id}:${job.id}:${day}`);
        }
      }
    }
    return ran;
  }

  return {
    tick,
    start() {
      const safeTick = () => {
        try {
          tick();
        } catch (err) {
          logger.error({ err }, "scheduler tick failed");
        }
      };
      safeTick();
      timer = setInterval(safeTick, deps.intervalMs ?? 20_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
