/**
 * Load: a province-sized (national-sized) deadline rush. 10,000 units, 100 report groups; the real bot
 * (`src/main.ts` in a child process, on a database file) takes their reports on its Telegram webhook at the rate
 * of all 10,000 reporting within 5 minutes (33.3 updates/s, open loop: each update leaves on schedule whether or
 * not the previous ones were answered). Printed: the time from an update's POST to its acknowledgement (👍 or a
 * reply) reaching the fake Bot API, p50 and p99; the webhook's own answer time; the bot's peak memory (VmHWM).
 * Telegram's pacing is lifted (TELEGRAM_SENDS_PER_*): this measures the bot, not Telegram's 30 messages/s.
 *
 * By default 2,000 of the 10,000 units report (one minute at the full rate); BENCH_LOAD_REPORTS=10000 runs the
 * whole five minutes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { stringify } from "yaml";
import { loadCampaignFile } from "../../src/campaigns/load.ts";
import { parseConfig } from "../../src/config.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import { createRuntime } from "../../src/runtime.ts";
import { postUpdate, startBotProcess, telegramBotEnv } from "../helpers/bot-process.ts";
import { startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { silentLogger } from "../helpers/runtime.ts";

const UNITS = 10_000;
const GROUPS = 100;
const WINDOW_S = 300;
const REPORTS = Math.min(UNITS, Number(process.env["BENCH_LOAD_REPORTS"] ?? 2_000));
const RATE = UNITS / WINDOW_S;
const SECRET = "load-bench-secret";
const CAMPAIGN = "bench-load";
const DAY = "2023-08-05";
const SENT_AT = Math.floor(Date.parse(`${DAY}T16:00:00+07:00`) / 1000);

const code = (u: number) => `X${String(u).padStart(5, "0")}`;
const groupOf = (u: number) => -1005000000000 - (u % GROUPS);

function campaignFile(dir: string): string {
  const file = join(dir, "bench-load.yaml");
  const campaign = {
    id: CAMPAIGN,
    name: "Chiến dịch thử tải",
    start: "2023-06-20",
    end: "2023-09-19",
    metrics: [
      { key: "received", label: "Thu nhận hồ sơ", aliases: ["thu nhận"], type: "count", mode: "daily", target: 8_000_000 },
      { key: "activated", label: "Kích hoạt tài khoản", aliases: ["kích hoạt"], type: "count", mode: "daily", target: 6_000_000 },
      { key: "fees", label: "Phí, lệ phí trực tuyến", aliases: ["lệ phí"], type: "money", mode: "daily" },
      { key: "rate", label: "Tỷ lệ kích hoạt", aliases: ["tỷ lệ kích hoạt"], type: "percent", mode: "cumulative", target: 80 },
    ],
    units: Array.from({ length: UNITS }, (_, u) => ({ code: code(u), name: `Xã Thử ${u}`, level: "commune", eligible: 5_000 + (u % 97) * 100 })),
  };
  writeFileSync(file, stringify(campaign));
  return file;
}

/** The reporters and their groups, as an admin would have set them up. */
function seed(file: string, campaignPath: string): void {
  const rt = createRuntime({ config: parseConfig({ DATABASE_PATH: file }), logger: silentLogger, campaigns: [loadCampaignFile(campaignPath)] });
  rt.db.transaction(() => {
    for (let g = 0; g < GROUPS; g++) bindChat(rt.db, { platform: "telegram", chatId: String(groupOf(g)), campaignId: CAMPAIGN, purpose: "reports" });
    for (let u = 0; u < UNITS; u++) {
      const member = upsertMember(rt.db, { platform: "telegram", platformUserId: String(100_000 + u), displayName: `Chủ tịch xã ${u}` });
      addReporterUnit(rt.db, member.id, CAMPAIGN, code(u));
    }
  });
  rt.close();
}

/** Unit u's report of the day, from its chairman, naming no unit (his own is known). */
function report(u: number): Update {
  return {
    update_id: 800_000 + u,
    message: {
      message_id: 50_000 + u,
      date: SENT_AT,
      chat: { id: groupOf(u), type: "supergroup", title: `Báo cáo cụm ${u % GROUPS}` },
      from: { id: 100_000 + u, is_bot: false, first_name: `Chủ tịch xã ${u}` },
      text: `Kính báo cáo ngày 5/8: thu nhận ${120 + (u % 80)} hồ sơ, kích hoạt ${90 + (u % 60)} tài khoản, lệ phí ${(u % 9) * 50}.000 đồng, tỷ lệ kích hoạt ${(30 + (u % 50)).toFixed(1).replace(".", ",")}%`,
    },
  } as Update;
}

/** The p-th percentile; an update never acknowledged counts as infinitely late. */
const percentile = (xs: number[], p: number, of = xs.length) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(of - 1, Math.floor((p / 100) * of))] ?? Number.POSITIVE_INFINITY;
};

/** When each message was acknowledged, from the fake's record. */
function acknowledgedAt(fake: FakeBotApi): Map<number, number> {
  const at = new Map<number, number>();
  for (const c of fake.calls) {
    const id =
      c.method === "setMessageReaction" ? Number(c.params["message_id"]) : c.method === "sendMessage" ? (c.params["reply_parameters"] as { message_id?: number } | undefined)?.message_id : undefined;
    if (id !== undefined && !at.has(id)) at.set(id, c.at);
  }
  return at;
}

export async function benchLoad(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "chiendich-load-"));
  const fake = await startFakeBotApi();
  const db = join(dir, "load.db");
  const campaignPath = campaignFile(dir);
  seed(db, campaignPath);
  const bot = await startBotProcess(
    { ...telegramBotEnv({ databasePath: db, apiRoot: fake.url, secret: SECRET }), CAMPAIGN_FILES: campaignPath, LOG_LEVEL: "warn" },
    120_000,
  );
  try {
    const sentAt = new Map<number, number>();
    const answerMs: number[] = [];
    const statuses = new Map<number, number>();
    const t0 = Date.now();
    const inFlight: Promise<void>[] = [];
    for (let u = 0; u < REPORTS; u++) {
      const due = t0 + (u * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const start = Date.now();
      sentAt.set(50_000 + u, start);
      inFlight.push(
        postUpdate(bot.url, SECRET, report(u)).then((status) => {
          answerMs.push(Date.now() - start);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
      );
    }
    await Promise.all(inFlight);
    const deadline = Date.now() + 60_000;
    let acked = acknowledgedAt(fake);
    while (acked.size < REPORTS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      acked = acknowledgedAt(fake);
    }
    const elapsed = (Date.now() - t0) / 1000;
    const latency = [...sentAt].flatMap(([id, at]) => (acked.has(id) ? [acked.get(id)! - at] : []));
    const reacted = fake.callsOf("setMessageReaction").length;
    const rss = bot.peakRss();
    const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
    console.log(
      `load: ${fmt(REPORTS)} of ${fmt(UNITS)} units reported at ${RATE.toFixed(1)} updates/s (all ${fmt(UNITS)} in ${WINDOW_S / 60} min) through the webhook of the bot process, ${GROUPS} groups; HTTP ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}; done in ${elapsed.toFixed(1)} s`,
    );
    console.log(
      `load: update → acknowledgement p50 ${fmt(percentile(latency, 50, REPORTS))} ms, p99 ${fmt(percentile(latency, 99, REPORTS))} ms, max ${fmt(Math.max(...latency))} ms (aim p99 < 200 ms); ${fmt(acked.size)}/${fmt(REPORTS)} acknowledged (${fmt(reacted)} 👍); webhook answered p50 ${fmt(percentile(answerMs, 50))} ms, p99 ${fmt(percentile(answerMs, 99))} ms`,
    );
    console.log(`load: bot peak memory (VmHWM) ${rss === undefined ? "n/a" : `${fmt(rss / 2 ** 20)} MB`} (aim < 300 MB)`);
  } finally {
    await bot.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
