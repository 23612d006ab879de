/**
 * The chat page over `app.inject()`: sessions and CSRF, bad input answered with a 400 page, identities (never
 * admin), reports and answers through the core, escaping, and when the page is on at all.
 */
import { afterEach, describe, expect, it } from "vitest";
import { chatPageEnabled } from "../../src/channels/web/index.ts";
import { findMember, reporterUnits } from "../../src/db/repos/members.ts";
import { parseConfig } from "../../src/config.ts";
import { CAMPAIGN, webHarness, type WebHarness } from "../e2e/web-harness.ts";

let h: WebHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function open(): Promise<{ cookie: string; csrf: string }> {
  const res = await h!.app.inject({ url: "/chat" });
  expect(res.statusCode).toBe(200);
  const setCookie = String(res.headers["set-cookie"]);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  return { cookie: setCookie.split(";")[0]!, csrf: /name="csrf" value="([^"]+)"/.exec(res.body)![1]! };
}

function post(url: string, s: { cookie: string }, form: Record<string, string>, headers: Record<string, string> = {}) {
  return h!.app.inject({ method: "POST", url, headers: { ...FORM, cookie: s.cookie, ...headers }, payload: new URLSearchParams(form).toString() });
}

async function as(identity: string, where = "group") {
  const s = await open();
  const res = await post("/chat/session", s, { csrf: s.csrf, as: identity, where });
  expect(res.statusCode).toBe(303);
  return {
    ...s,
    async say(text: string): Promise<string> {
      const sent = await post("/chat/messages", s, { csrf: s.csrf, text });
      expect(sent.statusCode).toBe(303);
      return (await h!.app.inject({ url: "/chat", headers: { cookie: s.cookie } })).body;
    },
  };
}

describe("the chat page", () => {
  it("takes a report from a unit's reporter, reacts 👍, and answers tiến độ?", async () => {
    h = await webHarness();
    const blo = await as(`${CAMPAIGN}|unit|BLO`);
    const page = await blo.say("Bình Long báo cáo ngày 21/6: kích hoạt 856 TK, lũy kế 30.115");
    expect(page).toContain('data-testid="reaction">👍</span>');
    const answer = await blo.say("tiến độ?");
    expect(answer).toContain("Đơn vị đã báo cáo hôm nay: 1/11");
    expect(answer).toContain("30.115 / 500.000");
    expect(answer).not.toMatch(/<script/i);
  });

  it("makes members on platform web: a reporter of the unit, a leader, never an admin", async () => {
    h = await webHarness();
    const blo = await as(`${CAMPAIGN}|unit|BLO`);
    expect(await blo.say("/toila")).toContain("web-");
    const lead = await as(`${CAMPAIGN}|leader`, "private");
    const who = await lead.say("/toila");
    expect(who).toContain("lãnh đạo");
    const admin = await open();
    expect((await post("/chat/session", admin, { csrf: admin.csrf, as: `${CAMPAIGN}|admin` })).statusCode).toBe(400);
    const ids = [...who.matchAll(/web-[0-9a-f]{16}/g)].map((m) => m[0]);
    const member = findMember(h.rt.db, "web", ids[0]!)!;
    expect(member.role).toBe("leader");
    expect(reporterUnits(h.rt.db, member.id)).toEqual([]);
  });

  it("escapes what the sender typed and keeps personal numbers out of the page", async () => {
    h = await webHarness();
    const citizen = await as(`${CAMPAIGN}|citizen`);
    const page = await citizen.say('<img src=x onerror=alert(1)> "CCCD 012345678901"');
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain("<img");
    expect(page).not.toContain("012345678901");
  });

  it("answers a citizen's VNeID question with rating buttons that work as forms", async () => {
    h = await webHarness();
    const citizen = await as(`${CAMPAIGN}|citizen`);
    const page = await citizen.say("Làm sao để kích hoạt tài khoản định danh điện tử mức 2?");
    expect(page).toContain("VNeID");
    const data = /name="data" value="([^"]+)"/.exec(page)![1]!;
    const pressed = await post("/chat/actions", citizen, { csrf: citizen.csrf, data });
    expect(pressed.statusCode).toBe(303);
    // A button the page never offered is refused.
    expect((await post("/chat/actions", citizen, { csrf: citizen.csrf, data: "reg:approve:1" })).statusCode).toBe(400);
  });

  it("refuses a POST without the session's CSRF token, from another site, or without a session", async () => {
    h = await webHarness();
    const s = await as(`${CAMPAIGN}|unit|BLO`);
    const other = await open();
    for (const res of [
      await post("/chat/messages", s, { text: "tiến độ?" }),
      await post("/chat/messages", s, { csrf: other.csrf, text: "tiến độ?" }),
      await post("/chat/messages", s, { csrf: s.csrf.slice(0, -1), text: "tiến độ?" }),
      await post("/chat/messages", { cookie: "cdb_chat=nope" }, { csrf: s.csrf, text: "tiến độ?" }),
      await post("/chat/messages", s, { csrf: s.csrf, text: "tiến độ?" }, { origin: "https://evil.example" }),
      await post("/chat/messages", s, { csrf: s.csrf, text: "tiến độ?" }, { "sec-fetch-site": "cross-site" }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.body).toContain("Yêu cầu không hợp lệ");
    }
  });

  it("answers bad input with an error page, never a crash", async () => {
    h = await webHarness();
    const s = await as(`${CAMPAIGN}|unit|BLO`);
    expect((await post("/chat/messages", s, { csrf: s.csrf, text: "   " })).statusCode).toBe(400);
    expect((await post("/chat/messages", s, { csrf: s.csrf, text: "x".repeat(4001) })).statusCode).toBe(400);
    expect((await post("/chat/session", s, { csrf: s.csrf, as: "nope|unit|BLO" })).statusCode).toBe(400);
    expect((await post("/chat/session", s, { csrf: s.csrf, as: `${CAMPAIGN}|unit|<script>` })).statusCode).toBe(400);
    const big = await h.app.inject({ method: "POST", url: "/chat/messages", headers: { ...FORM, cookie: s.cookie }, payload: `csrf=${s.csrf}&text=${"a".repeat(40_000)}` });
    expect(big.statusCode).toBe(413);
    expect(big.headers["content-type"]).toMatch(/text\/html/);
    const json = await h.app.inject({ method: "POST", url: "/chat/messages", headers: { "content-type": "application/json", cookie: s.cookie }, payload: "{}" });
    expect(json.statusCode).toBe(400);
    const text = await h.app.inject({ method: "POST", url: "/chat/messages", headers: { "content-type": "application/xml", cookie: s.cookie }, payload: "<a/>" });
    expect(text.statusCode).toBe(415);
    expect(text.body).toContain("Yêu cầu không hợp lệ");
    const headers = (await h.app.inject({ url: "/chat" })).headers;
    expect(headers["content-security-policy"]).toContain("form-action 'self'");
    expect(headers["x-frame-options"]).toBe("DENY");
  });

  it("switches role by ending the session", async () => {
    h = await webHarness();
    const s = await as(`${CAMPAIGN}|unit|BLO`);
    const out = await post("/chat/logout", s, { csrf: s.csrf });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers["set-cookie"])).toContain("Max-Age=0");
    expect((await post("/chat/messages", s, { csrf: s.csrf, text: "tiến độ?" })).statusCode).toBe(400);
  });
});

describe("when the chat page is on", () => {
  it("defaults to on without Telegram or Zalo and off with either; CHAT_PAGE decides when set", () => {
    expect(chatPageEnabled(parseConfig({}))).toBe(true);
    expect(chatPageEnabled(parseConfig({ TELEGRAM_BOT_TOKEN: "1:abc" }))).toBe(false);
    expect(chatPageEnabled(parseConfig({ ZALO_ENABLED: "true" }))).toBe(false);
    expect(chatPageEnabled(parseConfig({ TELEGRAM_BOT_TOKEN: "1:abc", CHAT_PAGE: "true" }))).toBe(true);
    expect(chatPageEnabled(parseConfig({ CHAT_PAGE: "false" }))).toBe(false);
  });

  it("has no routes when off", async () => {
    h = await webHarness({ env: { CHAT_PAGE: "false" } });
    expect((await h.app.inject({ url: "/chat" })).statusCode).toBe(404);
  });
});
