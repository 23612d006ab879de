/**
 * Kill -9 mid-stream. The real bot (`src/main.ts`, a child process on a database file) takes a stream of report
 * updates on its Telegram webhook and is killed with SIGKILL while updates are in flight and answers are still
 * queued. It is started again on the same file and, as Telegram does, every update that did not get a 2xx is sent
 * again (and a few that did). Then: every report is stored exactly once, with the same figures and progress as a
 * clean run of the same messages; every queued answer is sent after the restart and no message twice; SQLite
 * passes its integrity check.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toInboundMessage } from "../../src/channels/telegram/index.ts";
import { parseConfig } from "../../src/config.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import { createRuntime, type Runtime } from "../../src/runtime.ts";
import { INTERRUPTED } from "../../src/scheduling/outbox-store.ts";
import { postUpdate, startBotProcess, telegramBotEnv, type BotProcess } from "../helpers/bot-process.ts";
import { FAKE_BOT, startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { demoCampaigns, silentLogger } from "../helpers/runtime.ts";

const N = 150;
const KILL_AFTER = 60;
const CONCURRENCY = 4;
const GROUPS = 3;
const SECRET = "crash-test-secret";
const CAMPAIGN = "binh-phuoc-vneid-90";
const UNITS = ["DXO", "BLO", "PLO", "CTH", "DPH", "BDA", "BDO", "BGM", "LNI", "HQU", "PRI"];
const NAMES = ["Đồng Xoài", "Bình Long", "Phước Long", "Chơn Thành", "Đồng Phú", "Bù Đăng", "Bù Đốp", "Bù Gia Mập", "Lộc Ninh", "Hớn Quản", "Phú Riềng"];
const FIRST_DAY = Math.floor(new Date("2023-06-21T09:00:00+07:00").getTime() / 1000);

/** Unit i % 11 reports day i / 11; one report in ten has a cumulative figure going down, which gets a written answer. */
function update(i: number): Update {
  const unit = i % UNITS.length;
  const day = Math.floor(i / UNITS.length);
  const cumulative = i % 10 === 9 ? 1_000 : 20_000 + unit * 1_000 + day * 600;
  return {
    update_id: 500_000 + i,
    message: {
      message_id: 7_000 + i,
      date: FIRST_DAY + day * 86_400,
      chat: { id: -1003000000000 - (i % GROUPS), type: "supergroup", title: `Báo cáo ${i % GROUPS}` },
      from: { id: 2_000 + unit, is_bot: false, first_name: `Cán bộ ${NAMES[unit]}` },
      text: `${NAMES[unit]} báo cáo: thu nhận ${300 + (i % 70)} hồ sơ, kích hoạt ${400 + (i % 50)} TK, lũy kế ${cumulative.toLocaleString("vi-VN")}`,
    },
  } as Update;
}

function seed(rt: Runtime): void {
  for (let g = 0; g < GROUPS; g++) bindChat(rt.db, { platform: "telegram", chatId: String(-1003000000000 - g), campaignId: CAMPAIGN, purpose: "reports" });
  UNITS.forEach((code, i) => {
    const member = upsertMember(rt.db, { platform: "telegram", platformUserId: String(2_000 + i), displayName: `Cán bộ ${NAMES[i]}` });
    addReporterUnit(rt.db, member.id, CAMPAIGN, code);
  });
}

/** What counts, as a clean run would leave it: the active figures and the stored progress. */
function figures(db: Database.Database) {
  return {
    values: db
      .prepare(
        `SELECT r.unit_code, r.day, r.message_id, v.metric_key, v.value FROM report_values v JOIN reports r ON r.id = v.report_id
         WHERE v.current = 1 AND v.active = 1 ORDER BY r.unit_code, r.day, v.metric_key`,
      )
      .all(),
    progress: db.prepare("SELECT * FROM unit_progress ORDER BY campaign_id, unit_code, day, metric_key").all(),
  };
}

/** The same messages handled one by one by an in-process bot that never stopped. */
async function cleanRun(): Promise<ReturnType<typeof figures>> {
  const dir = mkdtempSync(join(tmpdir(), "chiendich-clean-"));
  const file = join(dir, "clean.db");
  const rt = createRuntime({ config: parseConfig({ DATABASE_PATH: file, REPLY_LIMIT_PER_SENDER: "10000", REPLY_LIMIT_PER_CHAT: "10000" }), logger: silentLogger, campaigns: demoCampaigns() });
  seed(rt);
  for (let i = 0; i < N; i++) await rt.core.handleMessage(toInboundMessage(update(i), FAKE_BOT)!);
  rt.close();
  const db = new Database(file, { readonly: true });
  try {
    return figures(db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** POSTs updates in order with a few in flight, telling `onOk` each time one more got a 2xx. Returns each one's status. */
async function stream(url: string, ids: number[], onOk: (ok: number) => void = () => {}): Promise<Map<number, number>> {
  const status = new Map<number, number>();
  let next = 0;
  let ok = 0;
  const worker = async () => {
    while (next < ids.length) {
      const i = ids[next++]!;
      const code = await postUpdate(url, SECRET, update(i));
      status.set(i, code);
      if (code >= 200 && code < 300) onOk(++ok);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return status;
}

describe("crash safety: SIGKILL mid-stream, restart, Telegram re-sends", () => {
  let dir: string;
  let fake: FakeBotApi;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chiendich-crash-"));
    // Slow answers from Telegram keep the outbox behind the webhook, so the kill finds messages still queued.
    fake = await startFakeBotApi({ latencyMs: 40 });
  });
  afterAll(async () => {
    await bot?.kill();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("stores every report exactly once and sends every answer, none twice", { timeout: 90_000 }, async () => {
    const file = join(dir, "bot.db");
    const setup = createRuntime({ config: parseConfig({ DATABASE_PATH: file }), logger: silentLogger, campaigns: demoCampaigns() });
    seed(setup);
    setup.close();
    const env = {
      ...telegramBotEnv({ databasePath: file, apiRoot: fake.url, secret: SECRET }),
      REPLY_LIMIT_PER_SENDER: "10000",
      REPLY_LIMIT_PER_CHAT: "10000",
      LOG_LEVEL: "info",
    };
    const all = Array.from({ length: N }, (_, i) => i);

    bot = await startBotProcess(env);
    // Killed while POSTs are in flight and the outbox is sending; the rest of the stream finds the port closed.
    let killed: Promise<void> | undefined;
    const running = bot;
    const first = await stream(bot.url, all, (ok) => {
      if (ok === KILL_AFTER) killed = running.kill();
    });
    await killed;
    bot = undefined;

    const afterKill = new Database(file);
    const queued = afterKill.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')").get() as { n: number };
    afterKill.close();
    expect(queued.n).toBeGreaterThan(0);

    const answered = all.filter((i) => (first.get(i) ?? 0) >= 200 && (first.get(i) ?? 0) < 300);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.length).toBeLessThan(N);
    // Killed mid-stream: requests were refused or cut off.
    expect([...first.values()].filter((s) => s === 0).length).toBeGreaterThan(0);
    bot = await startBotProcess(env);
    // Telegram sends again whatever did not get a 2xx; now and then also what did (its answer was lost).
    const again = [...all.filter((i) => !answered.includes(i)), ...answered.slice(0, 5)];
    const second = await stream(bot.url, again);
    expect([...second.values()].every((s) => s === 200)).toBe(true);

    const acknowledged = () => {
      const reacted = new Set(fake.callsOf("setMessageReaction").map((c) => Number(c.params["message_id"])));
      const replied = fake.callsOf("sendMessage").map((c) => (c.params["reply_parameters"] as { message_id?: number } | undefined)?.message_id);
      return { reacted, replied };
    };
    const db = new Database(file, { readonly: true });
    const setAside = () => db.prepare("SELECT payload FROM outbox WHERE status = 'dead' AND last_error = ?").all(INTERRUPTED) as { payload: string }[];
    const drained = () => (db.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')").get() as { n: number }).n === 0;
    const deadline = Date.now() + 30_000;
    while (!drained() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(drained()).toBe(true);

    // Every report stored once, counted once, exactly as a bot that never stopped would have it.
    const reports = db.prepare("SELECT message_id, count(*) AS n FROM reports GROUP BY message_id").all() as { message_id: string; n: number }[];
    expect(reports).toHaveLength(N);
    expect(reports.every((r) => r.n === 1)).toBe(true);
    expect(figures(db)).toEqual(await cleanRun());
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");

    // Every report answered: a reaction, a written answer, or (a message caught mid-send by the kill) set aside.
    const { reacted, replied } = acknowledged();
    const asideIds = setAside().map((r) => Number(JSON.parse(r.payload).replyTo));
    for (const i of all) {
      const id = 7_000 + i;
      expect(reacted.has(id) || replied.includes(id) || asideIds.includes(id), `message ${id} acknowledged`).toBe(true);
    }
    // No written answer read twice.
    expect(replied.filter((id, k) => replied.indexOf(id) !== k)).toEqual([]);
    expect(replied.length).toBeGreaterThan(0);
    expect(asideIds.length).toBeLessThanOrEqual(GROUPS);
    db.close();
    expect(await bot.stop()).toBe(0);
    bot = undefined;
  });
});
