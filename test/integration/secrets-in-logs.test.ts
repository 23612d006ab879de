/**
 * Secrets and personal data never reach the logs, error messages or /healthz. The real bot runs as a child
 * process at LOG_LEVEL=debug (the most it ever says) and is put through what makes it talk: reports, a forged
 * webhook call, malformed bodies, Bot API errors, the Bot API going away, a citizen pasting his CCCD, phone number
 * and OTP, a leader asking for the dashboard link. Everything it wrote is then searched for the bot token, the
 * webhook secret, the dashboard signing key and the personal data. The Zalo session (cookies, imei) is checked
 * the same way in-process, through a login that fails and a session that rotates its cookies.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Update } from "grammy/types";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ZaloCredentials } from "../../src/channels/zalo/api.ts";
import { createCredentialStore, createZaloChannel, createZaloLogin } from "../../src/channels/zalo/index.ts";
import { parseConfig } from "../../src/config.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import { createRuntime } from "../../src/runtime.ts";
import { createOutbox } from "../../src/scheduling/outbox.ts";
import { postUpdate, startBotProcess, telegramBotEnv, type BotProcess } from "../helpers/bot-process.ts";
import { FAKE_TOKEN, startFakeBotApi, type FakeBotApi } from "../helpers/fake-bot-api.ts";
import { FakeZalo } from "../helpers/fake-zalo.ts";
import { demoCampaigns, silentLogger, testRuntime } from "../helpers/runtime.ts";

const WEBHOOK_SECRET = "webhook-secret-Zq7xK2mP9vL4";
const DASHBOARD_SECRET = "dashboard-signing-key-8fJ3nQ6wR1tY";
const CCCD = "079123456789";
const PHONE = "0912345678";
const OTP = "482913";
const GROUP = -1004000000000;
const REPORTER = 3_001;
const LEADER = 3_002;
const CITIZEN = 3_003;
const DATE = Math.floor(new Date("2023-06-21T09:00:00+07:00").getTime() / 1000);

let updateId = 600_000;
function message(chat: { id: number; type: "private" | "supergroup" }, from: number, text: string): Update {
  const id = ++updateId;
  return {
    update_id: id,
    message: { message_id: id, date: DATE, chat: chat.type === "private" ? { id: from, type: "private", first_name: "Lan" } : { ...chat, title: "Báo cáo" }, from: { id: from, is_bot: false, first_name: "Lan" }, text },
  } as Update;
}

/** Every form a secret could leak in: as is, URL-encoded, and the token's secret half on its own. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), ...(secret.includes(":") ? [secret.split(":")[1]!] : [])])];
}

describe("secrets and personal data stay out of logs, errors and /healthz", () => {
  let dir: string;
  let fake: FakeBotApi;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "chiendich-secrets-"));
    fake = await startFakeBotApi();
  });
  afterAll(async () => {
    await bot?.kill();
    await fake.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it("the running bot never writes the token, the webhook secret, the dashboard key or a citizen's data", { timeout: 60_000 }, async () => {
    const file = join(dir, "bot.db");
    const setup = createRuntime({ config: parseConfig({ DATABASE_PATH: file }), logger: silentLogger, campaigns: demoCampaigns() });
    bindChat(setup.db, { platform: "telegram", chatId: String(GROUP), campaignId: "binh-phuoc-vneid-90", purpose: "reports" });
    addReporterUnit(setup.db, upsertMember(setup.db, { platform: "telegram", platformUserId: String(REPORTER), displayName: "Lan" }).id, "binh-phuoc-vneid-90", "DXO");
    setup.close();
    bot = await startBotProcess({
      ...telegramBotEnv({ databasePath: file, apiRoot: fake.url, secret: WEBHOOK_SECRET }),
      DASHBOARD_SECRET,
      ADMINS: `telegram:${LEADER}`,
      LOG_LEVEL: "debug",
    });
    const group = { id: GROUP, type: "supergroup" as const };
    const post = (u: unknown, secret = WEBHOOK_SECRET) => postUpdate(bot!.url, secret, u);

    expect(await post(message(group, REPORTER, "Đồng Xoài báo cáo: thu nhận 320 hồ sơ, kích hoạt 410 TK"))).toBe(200);
    expect(await post(message(group, REPORTER, "Đồng Xoài: thu nhận 330 hồ sơ"), `${WEBHOOK_SECRET}x`)).toBe(401);
    expect(await post({ update_id: "not a number" })).toBe(400);
    const citizen = { id: CITIZEN, type: "private" as const };
    expect(await post(message(citizen, CITIZEN, `Tôi chưa kích hoạt được VNeID, CCCD ${CCCD}, sđt ${PHONE}, mã OTP là ${OTP}`))).toBe(200);
    expect(await post(message({ id: LEADER, type: "private" }, LEADER, "/dashboard"))).toBe(200);
    fake.failNext("sendMessage", 1, { error_code: 400, description: "Bad Request: chat not found" });
    expect(await post(message(group, REPORTER, "/tiendo"))).toBe(200);
    const healthz = await (await fetch(`${bot.url}/healthz`)).text();
    // Sends fail on the network once the Bot API is gone: errors that could carry the request URL (and its token).
    while (fake.callsOf("sendMessage").length < 3) await new Promise((r) => setTimeout(r, 20));
    await fake.close();
    expect(await post(message(group, REPORTER, "/bxh"))).toBe(200);
    const end = Date.now() + 10_000;
    while (!bot.output().includes("send failed, will retry") && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(await bot.stop()).toBe(0);
    const output = bot.output();
    bot = undefined;

    expect(output).toContain("send failed, will retry");
    expect(output).toContain("chat not found");
    expect(output).toContain("Network request for 'sendMessage' failed");
    const links = fake.callsOf("sendMessage").map((c) => String(c.params["text"])).join("\n");
    expect(links).toMatch(/\/dashboard\/binh-phuoc-vneid-90\?t=/);
    for (const secret of [FAKE_TOKEN, WEBHOOK_SECRET, DASHBOARD_SECRET].flatMap(forms)) {
      expect(output, `log holds ${secret}`).not.toContain(secret);
      expect(healthz).not.toContain(secret);
      expect(links).not.toContain(secret);
    }
    for (const pii of [CCCD, PHONE, OTP]) expect(output, `log holds ${pii}`).not.toContain(pii);
  });

  it("the Zalo session's cookies and imei never reach the logs, even in a failed login's error", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, { write: (s: string) => void lines.push(s) });
    const rt = testRuntime();
    const cookie = "zpw-sek-cookie-value-Hq82LmX0";
    const imei = "7c1e5b3a-imei-secret-91af";
    const store = createCredentialStore(join(dir, "zalo.json"));
    store.save({ cookie: [{ key: "zpw_sek", value: cookie, domain: "chat.zalo.me", path: "/" }], imei, userAgent: "Mozilla/5.0 Firefox/133.0" });
    const zalo = new FakeZalo();
    zalo.cookies = [{ key: "zpw_sek", value: `${cookie}-rotated`, domain: "chat.zalo.me", path: "/" }];
    let attempts = 0;
    // A failed request's error may carry what was sent: headers with the cookie, the imei in the query.
    const failure = Object.assign(new TypeError("fetch failed"), {
      request: { url: `https://wpa.chat.zalo.me/api/login/getLoginInfo?imei=${imei}`, headers: { cookie: `zpw_sek=${cookie}` } },
      credentials: { cookie: [{ value: cookie }], imei },
    });
    const login = createZaloLogin(store, () => ({
      login: async (credentials: ZaloCredentials) => {
        if (++attempts === 1) throw failure;
        expect(credentials.imei).toBe(imei);
        return zalo;
      },
    }));
    const channel = createZaloChannel({
      config: rt.config,
      core: rt.core,
      outbox: createOutbox({ db: rt.db, logger, senders: {} }),
      db: rt.db,
      i18n: rt.i18n,
      logger,
      login,
      credentials: store,
      alert: () => {},
      reconnect: { baseDelayMs: 2, maxDelayMs: 10 },
      saveEveryMs: 5,
    });
    await channel.start();
    const end = Date.now() + 3_000;
    while (channel.health().state !== "up" && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 30));
    await channel.stop();
    rt.close();

    const output = lines.join("");
    expect(attempts).toBe(2);
    expect(output).toContain("fetch failed");
    for (const secret of [cookie, `${cookie}-rotated`, imei]) expect(output, `log holds ${secret}`).not.toContain(secret);
  });
});
