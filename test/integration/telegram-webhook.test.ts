/**
 * The Telegram channel end to end over HTTP: recorded Update JSON is POSTed to the real app's webhook, the real
 * core stores reports in SQLite, the outbox sends through grammY to a fake Bot API on 127.0.0.1, and the tests
 * read what the fake recorded.
 */
import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramChannel, type TelegramChannel } from "../../src/channels/telegram/index.ts";
import { getChatBinding } from "../../src/db/repos/chats.ts";
import { reports, reportValues } from "../../src/db/schema.ts";
import type { Runtime } from "../../src/runtime.ts";
import { createOutbox, type Outbox } from "../../src/scheduling/outbox.ts";
import { buildApp } from "../../src/server/app.ts";
import { FAKE_BOT, FAKE_TOKEN, startFakeBotApi, type FakeBotApi, type RecordedCall } from "../helpers/fake-bot-api.ts";
import { demoCampaigns, silentLogger, testRuntime } from "../helpers/runtime.ts";

const SECRET = "s3cret-webhook_token";
const GROUP = -1001987654321;
const ADMIN = 900;
const PATH = "/telegram/webhook";

const campaigns = demoCampaigns();
const fixture = (name: string): Update => JSON.parse(readFileSync(new URL(`../fixtures/telegram/${name}.json`, import.meta.url), "utf8")) as Update;

let fake: FakeBotApi;
let rt: Runtime;
let outbox: Outbox;
let channel: TelegramChannel;
let app: FastifyInstance;
let base: string;
let nextUpdate = 500_000;
let nextMessage = 1_000;

async function setUp(opts: { env?: Record<string, string>; mode?: "webhook" | "polling"; privacyOn?: boolean } = {}): Promise<void> {
  fake = await startFakeBotApi();
  rt = testRuntime({
    campaigns,
    env: { ADMINS: `telegram:${ADMIN}`, TELEGRAM_BOT_TOKEN: FAKE_TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: fake.url, ...opts.env },
    now: () => new Date("2023-06-21T10:00:00+07:00"),
  });
  // The outbox and the channel need each other: the sender is looked up when a message is sent.
  outbox = createOutbox({
    db: rt.db,
    logger: silentLogger,
    senders: { telegram: (reply) => channel.sender(reply) },
    pacing: { telegram: { perSecond: 1000, perChatPerMinute: 1000 } },
    pollMs: 20,
  });
  const botInfo = opts.privacyOn ? { ...FAKE_BOT, can_read_all_group_messages: false } : FAKE_BOT;
  channel = createTelegramChannel({ config: rt.config, core: rt.core, outbox, db: rt.db, i18n: rt.i18n, logger: silentLogger, botInfo, mode: opts.mode ?? "webhook" });
  app = await buildApp({ db: rt.db, campaigns: rt.campaigns, logger: silentLogger, channels: [channel], plugins: channel.plugin ? [channel.plugin] : [] });
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  await channel.start();
  outbox.start();
}

afterEach(async () => {
  await channel?.stop();
  await outbox?.stop();
  await app?.close();
  rt?.close();
  await fake?.close();
});

function post(update: unknown, secret: string | null = SECRET, raw = false): Promise<Response> {
  return fetch(`${base}${PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(secret !== null ? { "x-telegram-bot-api-secret-token": secret } : {}) },
    body: raw ? (update as string) : JSON.stringify(update),
  });
}

/** A group (or private) text message from `from`, shaped like the recorded fixtures. */
function textUpdate(from: { id: number; first_name: string; last_name?: string }, text: string, chat: "group" | "private" = "group"): Update {
  const base = fixture("group-report");
  const command = /^\/\S+/.exec(text)?.[0];
  return {
    update_id: ++nextUpdate,
    message: {
      ...base.message!,
      message_id: ++nextMessage,
      from: { is_bot: false, language_code: "vi", ...from },
      chat: chat === "group" ? base.message!.chat : { id: from.id, type: "private", first_name: from.first_name },
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command.length }] } : {}),
    },
  } as Update;
}

const admin = { id: ADMIN, first_name: "Trần Quản Trị" };
const blo = { id: 101, first_name: "Lê Văn", last_name: "Bình" };

async function postOk(update: unknown): Promise<void> {
  const res = await post(update);
  expect(res.status).toBe(200);
}

/** Sends and waits until the outbox has sent everything. */
async function settle(): Promise<void> {
  expect(await outbox.drain(5_000)).toBe(true);
}

const sentTo = (chatId: number): RecordedCall[] => fake.callsOf("sendMessage").filter((c) => Number(c.params["chat_id"]) === chatId);

/** Binds the group with /ketnoi and registers Bình Long's reporter with /dangky and the approve button. */
async function bindAndRegister(): Promise<void> {
  await postOk(textUpdate(admin, "/ketnoi@chiendich_test_bot binh-phuoc-vneid-90"));
  await postOk(textUpdate(blo, "/dangky Bình Long"));
  await settle();
  const request = sentTo(ADMIN).at(-1)!;
  const approve = (request.params["reply_markup"] as { inline_keyboard: { callback_data: string }[][] }).inline_keyboard[0]![0]!.callback_data;
  const press = fixture("callback-approve");
  await postOk({ ...press, callback_query: { ...press.callback_query!, data: approve } });
  await settle();
  fake.clear();
}

function counted(unit: string, day = "2023-06-21"): Record<string, number> {
  const rows = rt.db
    .select()
    .from(reportValues)
    .where(and(eq(reportValues.unitCode, unit), eq(reportValues.day, day), eq(reportValues.active, true)))
    .all();
  return Object.fromEntries(rows.map((r) => [`${r.metricKey}:${r.kind}`, r.value]));
}

describe("Telegram webhook: reporting", () => {
  beforeEach(async () => {
    await setUp();
    await bindAndRegister();
  });

  it("stores a report and reacts 👍 to it", async () => {
    await postOk(fixture("group-report"));
    await settle();
    expect(fake.callsOf("setMessageReaction").map((c) => c.params)).toEqual([{ chat_id: String(GROUP), message_id: 21, reaction: [{ type: "emoji", emoji: "👍" }] }]);
    expect(fake.callsOf("sendMessage")).toEqual([]);
    expect(counted("BLO")).toMatchObject({ "activated:daily": 856, "activated:cumulative": 30115, "received:daily": 1020 });
  });

  it("replaces the figures when the report is corrected by an edit", async () => {
    await postOk(fixture("group-report"));
    await postOk(fixture("edited-report"));
    await settle();
    expect(counted("BLO")).toMatchObject({ "activated:daily": 865 });
    expect(rt.db.select().from(reports).where(eq(reports.messageId, "21")).all()).toHaveLength(1);
  });

  it("makes no second report from a re-delivered update_id", async () => {
    await postOk(fixture("group-report"));
    await postOk(fixture("group-report"));
    await settle();
    expect(rt.db.select().from(reports).all()).toHaveLength(1);
    expect(fake.callsOf("setMessageReaction")).toHaveLength(1);
  });

  it("answers 503 when the database cannot take the report, so Telegram sends it again, and then stores it once", async () => {
    rt.db.$client.pragma("query_only = ON"); // as a full disk or a held lock would
    const refused = await post(fixture("group-report"));
    expect(refused.status).toBe(503);
    rt.db.$client.pragma("query_only = OFF");
    await postOk(fixture("group-report")); // Telegram's re-delivery, same update_id
    await settle();
    expect(counted("BLO")).toMatchObject({ "activated:daily": 856 });
    expect(rt.db.select().from(reports).all()).toHaveLength(1);
    expect(fake.callsOf("setMessageReaction")).toHaveLength(1);
    expect(fake.callsOf("sendMessage")).toEqual([]);
  });

  it("retries after Telegram's retry_after when rate limited", async () => {
    fake.failNext("setMessageReaction", 1, { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    await postOk(fixture("group-report"));
    await settle();
    const [limited, retried] = fake.callsOf("setMessageReaction");
    expect(retried).toBeDefined();
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(outbox.stats()).toEqual({ sent: expect.any(Number) });
  });

  it("replies in words when the group does not allow reactions", async () => {
    fake.refuseReactions();
    await postOk(fixture("group-report"));
    await settle();
    const [reply] = sentTo(GROUP);
    expect(reply?.params).toMatchObject({ text: "👍 Đã ghi nhận.", reply_parameters: { message_id: 21, allow_sending_without_reply: true } });
  });

  it("answers /tiendo and /bxh in HTML", async () => {
    await postOk(fixture("group-report"));
    await postOk(textUpdate(admin, "/tiendo Bình Long"));
    await postOk(fixture("group-command")); // /bxh@chiendich_test_bot
    await settle();
    const [progress, board] = sentTo(GROUP);
    expect(progress?.params).toMatchObject({ parse_mode: "HTML" });
    expect(progress?.params["text"]).toContain("Thị xã Bình Long");
    expect(progress?.params["text"]).toContain("30.115");
    expect(board?.params["text"]).toContain("Bình Long");
    expect(board?.params["text"]).toMatch(/<b>|<pre>/);
  });
});

describe("Telegram webhook: registration with buttons", () => {
  beforeEach(() => setUp());

  it("sends the request to the admin with approve/deny buttons and acts on the press", async () => {
    await postOk(textUpdate(admin, "/ketnoi binh-phuoc-vneid-90"));
    await postOk(textUpdate(blo, "/dangky Bình Long"));
    await settle();
    expect(sentTo(GROUP).at(-1)?.params["text"]).toContain("Đã gửi đề nghị");
    const request = sentTo(ADMIN).at(-1)!;
    const keyboard = (request.params["reply_markup"] as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    expect(keyboard[0]!.map((b) => b.callback_data)).toEqual([expect.stringMatching(/^reg:approve:\d+$/), expect.stringMatching(/^reg:deny:\d+$/)]);

    const press = fixture("callback-approve");
    await postOk({ ...press, callback_query: { ...press.callback_query!, data: keyboard[0]![0]!.callback_data } });
    await settle();
    expect(fake.callsOf("answerCallbackQuery").map((c) => c.params["callback_query_id"])).toEqual(["4382bfdwdsb323b2d9"]);
    expect(sentTo(ADMIN).at(-1)?.params["text"]).toContain("Đã duyệt");
    expect(sentTo(GROUP).at(-1)?.params["text"]).toContain("Thị xã Bình Long");
    // Now his report counts.
    await postOk(fixture("group-report"));
    await settle();
    expect(counted("BLO")).toMatchObject({ "activated:daily": 856 });
  });
});

describe("Telegram webhook: requests that must not be processed", () => {
  beforeEach(() => setUp());

  it("answers 401 to a forged or missing secret and processes nothing", async () => {
    expect((await post(fixture("private-start"), "forged")).status).toBe(401);
    expect((await post(fixture("private-start"), null)).status).toBe(401);
    expect((await post(fixture("private-start"), `${SECRET}x`)).status).toBe(401);
    await settle();
    expect(fake.callsOf("sendMessage")).toEqual([]);
  });

  it("answers 400 to a body that is not an update, and keeps serving", async () => {
    expect((await post("{not json", SECRET, true)).status).toBe(400);
    expect((await post([1, 2], SECRET)).status).toBe(400);
    expect((await post({ message: {} }, SECRET)).status).toBe(400);
    expect((await post(fixture("private-start"))).status).toBe(200);
  });

  it("ignores channel posts", async () => {
    await postOk(fixture("channel-post"));
    await settle();
    expect(fake.calls.filter((c) => c.method !== "setMyCommands")).toEqual([]);
  });
});

describe("Telegram: chats and start-up", () => {
  it("explains the bot on /start in a private chat", async () => {
    await setUp();
    await postOk(fixture("private-start"));
    await settle();
    const [reply] = sentTo(103);
    expect(reply?.params["text"]).toContain("Đỗ Văn Mới");
    expect(reply?.params["text"]).toContain("VNeID");
  });

  it("greets a group it is added to with the setup steps, and unbinds it when removed", async () => {
    await setUp({ privacyOn: true });
    await postOk(fixture("my-chat-member-added"));
    await settle();
    const [greeting] = sentTo(GROUP);
    expect(greeting?.params["text"]).toContain("/ketnoi");
    expect(greeting?.params["text"]).toContain("/setprivacy");
    await postOk(textUpdate(admin, "/ketnoi binh-phuoc-vneid-90"));
    await settle();
    expect(getChatBinding(rt.db, "telegram", String(GROUP))).toBeDefined();
    await postOk(fixture("my-chat-member-removed"));
    expect(getChatBinding(rt.db, "telegram", String(GROUP))).toBeUndefined();
  });

  it("sets the command menus in vi and en, and shows the privacy-mode hint in /healthz", async () => {
    await setUp({ privacyOn: true });
    const menus = fake.callsOf("setMyCommands").map((c) => ({ scope: (c.params["scope"] as { type: string }).type, lang: c.params["language_code"] ?? "vi", commands: c.params["commands"] as { command: string }[] }));
    const group = menus.find((m) => m.scope === "all_group_chats" && m.lang === "vi")!;
    expect(group.commands.map((c) => c.command)).toEqual(expect.arrayContaining(["tiendo", "bxh", "dangky", "trogiup"]));
    expect(group.commands.map((c) => c.command)).not.toContain("ketnoi");
    expect(menus.find((m) => m.scope === "all_chat_administrators" && m.lang === "en")!.commands.map((c) => c.command)).toContain("ketnoi");
    expect(menus.find((m) => m.scope === "chat")).toBeDefined(); // the configured admin's private chat
    const health = (await (await fetch(`${base}/healthz`)).json()) as { channels: { telegram: { state: string; detail?: string } } };
    expect(health.channels.telegram.state).toBe("up");
    expect(health.channels.telegram.detail).toContain("/setprivacy");
  });

  it("registers the webhook with its secret when PUBLIC_URL is set", async () => {
    await setUp({ env: { PUBLIC_URL: "https://bot.example.gov.vn" } });
    const [call] = fake.callsOf("setWebhook");
    expect(call?.params).toMatchObject({
      url: "https://bot.example.gov.vn/telegram/webhook",
      secret_token: SECRET,
      allowed_updates: ["message", "edited_message", "callback_query", "my_chat_member"],
    });
  });

  it("long-polls without PUBLIC_URL", async () => {
    await setUp({ mode: "polling" });
    fake.queueUpdates(fixture("private-start"));
    await fake.waitFor("sendMessage");
    expect(fake.callsOf("deleteWebhook")[0]?.params).toMatchObject({ drop_pending_updates: false });
    expect(sentTo(103)[0]?.params["text"]).toContain("VNeID");
    await expect(post(fixture("private-start"))).resolves.toMatchObject({ status: 404 });
  });
});

describe("Telegram webhook: personal data", () => {
  beforeEach(() => setUp());

  it("never stores a citizen's CCCD, phone number or OTP, and reminds him once", async () => {
    const citizen = { id: 555, first_name: "Nguyễn Thị", last_name: "Dân" };
    await postOk(textUpdate(citizen, "Tôi chưa kích hoạt được VNeID, CCCD 079123456789, sđt 0912345678, mã OTP là 482913", "private"));
    const [answer] = await fake.waitFor("sendMessage", 1);
    expect(String(answer!.params["text"])).toContain("đừng gửi số căn cước");
    const tables = rt.db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    const everything = tables.map((t) => JSON.stringify(rt.db.$client.prepare(`select * from "${t.name}"`).all())).join("\n");
    for (const secret of ["079123456789", "0912345678", "482913"]) expect(everything).not.toContain(secret);
  });
});
