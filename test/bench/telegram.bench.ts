/**
 * Webhook throughput. The full pipeline: Update JSON POSTed to the real app's webhook over HTTP → secret check →
 * grammY → mapping → core (parse, store in a file SQLite database) → outbox → sender → 👍 reaction recorded by a
 * fake Bot API on 127.0.0.1. Beside it, in the same run and against the same fake, a bare grammY + Fastify bot
 * that reacts 👍 inside the webhook (no parsing, no database, no queue). The clock stops when the fake has
 * recorded every reaction. The outbox's pacing is lifted: this measures the code, not Telegram's 30 messages/s.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { Bot, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import { createTelegramChannel, type TelegramChannel } from "../../src/channels/telegram/index.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import { createOutbox } from "../../src/scheduling/outbox.ts";
import { buildApp } from "../../src/server/app.ts";
import { FAKE_BOT, FAKE_TOKEN, startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { silentLogger, testRuntime } from "../helpers/runtime.ts";

const N = Number(process.env["BENCH_TELEGRAM_UPDATES"] ?? 1_000);
const WARMUP = 300;
/** Bare and pipeline measured in turns this many times (medians printed). */
const ROUNDS = Number(process.env["BENCH_TELEGRAM_ROUNDS"] ?? 3);
const CONCURRENCY = 32;
const GROUPS = 8;
const SECRET = "bench-secret";
const PATH = "/telegram/webhook";
const CAMPAIGN = "binh-phuoc-vneid-90";
const UNITS = [
  ["DXO", "Đồng Xoài"], ["BLO", "Bình Long"], ["PLO", "Phước Long"], ["CTH", "Chơn Thành"], ["DPH", "Đồng Phú"], ["BDA", "Bù Đăng"],
  ["BDO", "Bù Đốp"], ["BGM", "Bù Gia Mập"], ["LNI", "Lộc Ninh"], ["HQU", "Hớn Quản"], ["PRI", "Phú Riềng"],
] as const;
const FIRST_DAY = Math.floor(new Date("2023-06-21T09:00:00+07:00").getTime() / 1000);
const DAYS = 90;

/**
 * Realistic reports: each unit's reporter reports once a day, in one of the groups, day after day through the
 * campaign (then again from the first day: corrections). Cumulative figures grow with the day, so every report
 * is clean and gets a 👍.
 */
function reportUpdate(i: number): Update {
  const unit = i % UNITS.length;
  const day = Math.floor(i / UNITS.length) % DAYS;
  const [, name] = UNITS[unit]!;
  const text = `${name} báo cáo: thu nhận ${300 + (i % 70)} hồ sơ, kích hoạt ${400 + (i % 50)} TK, lũy kế ${(20_000 + unit * 1_000 + day * 600).toLocaleString("vi-VN")}`;
  return {
    update_id: 900_000 + i,
    message: {
      message_id: 10_000 + i,
      date: FIRST_DAY + day * 86_400,
      chat: { id: -1002000000000 - (i % GROUPS), type: "supergroup", title: `Nhóm báo cáo ${i % GROUPS}` },
      from: { id: 1000 + unit, is_bot: false, first_name: `Cán bộ ${name}`, language_code: "vi" },
      text,
    },
  } as Update;
}

/** POSTs updates [from, to) with `CONCURRENCY` requests in flight; resolves when all got 200. */
async function drive(url: string, from: number, to: number): Promise<void> {
  let next = from;
  const worker = async () => {
    while (next < to) {
      const body = JSON.stringify(reportUpdate(next++));
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET }, body });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Acknowledgements recorded by the fake: reactions, or text replies had a report needed checking. */
const acks = (fake: FakeBotApi) => fake.calls.filter((c) => c.method === "setMessageReaction" || c.method === "sendMessage").length;

/** Updates per second from the first POST until every webhook answered 200, and until the fake has recorded `to` acknowledgements. */
async function measure(fake: FakeBotApi, url: string, from: number, to: number): Promise<{ answered: number; acknowledged: number }> {
  const t0 = performance.now();
  await drive(url, from, to);
  const answeredMs = performance.now() - t0;
  const deadline = Date.now() + 120_000;
  while (acks(fake) < to) {
    if (Date.now() > deadline) throw new Error(`only ${acks(fake)} of ${to} updates acknowledged`);
    await new Promise((r) => setTimeout(r, 2));
  }
  return { answered: ((to - from) / answeredMs) * 1000, acknowledged: ((to - from) / (performance.now() - t0)) * 1000 };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: "127.0.0.1" });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}${PATH}`;
}

async function pipelineRate(): Promise<{ answered: number; acknowledged: number }> {
  const fake = await startFakeBotApi();
  const dir = mkdtempSync(join(tmpdir(), "chiendich-bench-"));
  const rt = testRuntime({
    env: { DATABASE_PATH: join(dir, "bench.db"), TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url },
    now: () => new Date("2023-06-21T10:00:00+07:00"),
  });
  for (let g = 0; g < GROUPS; g++) bindChat(rt.db, { platform: "telegram", chatId: String(-1002000000000 - g), campaignId: CAMPAIGN, purpose: "reports" });
  UNITS.forEach(([code, name], i) => {
    const member = upsertMember(rt.db, { platform: "telegram", platformUserId: String(1000 + i), displayName: `Cán bộ ${name}` });
    addReporterUnit(rt.db, member.id, CAMPAIGN, code);
  });
  let channel: TelegramChannel | undefined;
  const outbox = createOutbox({
    db: rt.db,
    logger: silentLogger,
    senders: { telegram: (reply) => channel!.sender(reply) },
    pacing: { telegram: { perSecond: 100_000, perChatPerMinute: 1_000_000_000 } },
    // The outbox's default idle poll (250 ms); BENCH_POLL_MS=5 shows how much of the gap is the outbox waiting.
    pollMs: Number(process.env["BENCH_POLL_MS"] ?? 250),
  });
  channel = createTelegramChannel({ config: rt.config, core: rt.core, outbox, db: rt.db, i18n: rt.i18n, logger: silentLogger, botInfo: FAKE_BOT, mode: "webhook" });
  const app = await buildApp({ db: rt.db, campaigns: rt.campaigns, logger: silentLogger, channels: [channel], plugins: [channel.plugin!] });
  const url = await listen(app);
  outbox.start();
  try {
    await measure(fake, url, 0, WARMUP);
    return await measure(fake, url, WARMUP, WARMUP + N);
  } finally {
    await outbox.stop();
    await app.close();
    rt.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bareRate(): Promise<{ answered: number; acknowledged: number }> {
  const fake = await startFakeBotApi();
  const bot = new Bot(FAKE_TOKEN, { botInfo: FAKE_BOT, client: { apiRoot: fake.url } });
  bot.on("message", (ctx) => ctx.react("👍"));
  const app = Fastify();
  app.post(PATH, webhookCallback(bot, "fastify", { secretToken: SECRET }));
  const url = await listen(app);
  try {
    await measure(fake, url, 0, WARMUP);
    return await measure(fake, url, WARMUP, WARMUP + N);
  } finally {
    await app.close();
    await fake.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Prints the pipeline's and the bare bot's updates per second, and their ratio. Both are measured warm: the code
 * they share (Fastify, grammY, the HTTP client) gets faster for thousands of updates as V8 compiles it (the bare
 * bot goes from about 1,000 to 1,600 updates/s), so one round of each is run first and not counted. Then they
 * are measured in turns, `ROUNDS` times, and the medians printed: this machine's speed drifts by ±20%, and each
 * round's ratio compares two measurements taken one after the other.
 */
export async function benchTelegram(): Promise<void> {
  await bareRate();
  await pipelineRate();
  const rounds: { bare: number; pipeline: number; answered: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const bare = await bareRate();
    const pipeline = await pipelineRate();
    rounds.push({ bare: bare.acknowledged, pipeline: pipeline.acknowledged, answered: pipeline.answered });
  }
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
  const ratios = rounds.map((r) => r.pipeline / r.bare);
  console.log(
    `telegram webhook, full pipeline: ${fmt(median(rounds.map((r) => r.pipeline)))} updates/s acknowledged (${N.toLocaleString("en-US")} reports parsed, stored in SQLite and 👍-reacted via the outbox; ${CONCURRENCY} concurrent POSTs, ${GROUPS} groups); webhook answered 200 at ${fmt(median(rounds.map((r) => r.answered)))} updates/s`,
  );
  console.log(`telegram webhook, bare grammY + Fastify echo: ${fmt(median(rounds.map((r) => r.bare)))} updates/s (reacts 👍 inside the webhook, same fake Bot API)`);
  console.log(
    `telegram webhook, ratio pipeline/bare: ${median(ratios).toFixed(2)} (median of ${ROUNDS} rounds, each ${ratios.map((x) => x.toFixed(2)).join(", ")}; aim ≥ 0.50)`,
  );
}
