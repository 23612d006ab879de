/**
 * The dashboard over `app.inject()`: signed links (valid, forged, expired, another campaign's), nothing revealed
 * without one, security headers, escaping, the token kept out of the logs, and the /dashboard command.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { createDashboardLinks } from "../../src/channels/web/signed-link.ts";
import { demoCampaigns } from "../helpers/runtime.ts";
import { at, CAMPAIGN, makeLeader, report, seedReports, webHarness, type WebHarness } from "../e2e/web-harness.ts";

let h: WebHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("signed links", () => {
  const links = createDashboardLinks({ secret: "s".repeat(32), baseUrl: "https://bot.example.gov.vn/", hours: 12 });
  const now = at("10:00");

  it("open one campaign until they expire", () => {
    const { url, expiresAt } = links.link(CAMPAIGN, now);
    expect(url).toMatch(/^https:\/\/bot\.example\.gov\.vn\/dashboard\/binh-phuoc-vneid-90\?t=\d+\.[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - now.getTime()).toBe(12 * 3600_000);
    const token = new URL(url).searchParams.get("t")!;
    expect(links.verify(CAMPAIGN, token, now)).toBe(true);
    expect(links.verify(CAMPAIGN, token, new Date(expiresAt.getTime() + 1000))).toBe(false);
    expect(links.verify("binh-phuoc-dvc-92", token, now)).toBe(false);
  });

  it("refuse a changed expiry, a changed signature, another secret and junk", () => {
    const token = new URL(links.link(CAMPAIGN, now).url).searchParams.get("t")!;
    const [exp, sig] = token.split(".") as [string, string];
    const other = createDashboardLinks({ secret: "o".repeat(32), baseUrl: "http://x" });
    for (const bad of [`${Number(exp) + 3600}.${sig}`, `${exp}.${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`, "", "1.2", `${exp}.${sig}x`, `${exp}`])
      expect(links.verify(CAMPAIGN, bad, now)).toBe(false);
    expect(other.verify(CAMPAIGN, token, now)).toBe(false);
  });
});

describe("the dashboard pages", () => {
  it("answer 401 without a valid link and reveal nothing", async () => {
    h = await webHarness();
    await seedReports(h);
    const good = h.dashboardPath();
    const expired = (() => {
      const saved = h.clock.now;
      h.clock.now = at("21:59", "2023-06-20");
      const p = h.dashboardPath();
      h.clock.now = saved;
      return p;
    })();
    for (const url of [
      "/dashboard",
      `/dashboard/${CAMPAIGN}`,
      `/dashboard/${CAMPAIGN}?t=garbage`,
      `/dashboard/${CAMPAIGN}?t=9999999999.${"A".repeat(43)}`,
      expired,
      good.replace(CAMPAIGN, "binh-phuoc-dvc-92"),
      `/dashboard/no-such-campaign${good.slice(good.indexOf("?"))}`,
      good.replace("?", "/units/BLO?").replace(/t=\d+/, "t=1"),
      `/dashboard/${CAMPAIGN}/units/BLO`,
    ]) {
      const res = await h.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.body).not.toContain("Bình Long");
      expect(res.body).not.toContain("Chiến dịch 90");
    }
  });

  it("show the figures with a valid link, with security headers", async () => {
    h = await webHarness();
    await seedReports(h);
    const res = await h.app.inject({ url: h.dashboardPath() });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-security-policy"]).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).toContain('<meta http-equiv="refresh" content="60">');
    expect(res.body).toMatch(/data-testid="reported-today">2<small> \/ 11 đơn vị/);
    expect(res.body).toContain("71.115"); // 30.115 + 41.000
    expect(res.body).toContain('class="c late" title="20/6: Trễ hạn"');

    const unit = await h.app.inject({ url: h.dashboardPath().replace("?", "/units/BLO?") });
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain("&lt;script&gt;window.__pwned=1&lt;/script&gt;");
    expect(unit.body).not.toContain("<script>");
    const missing = await h.app.inject({ url: h.dashboardPath().replace("?", "/units/NOPE?") });
    expect(missing.statusCode).toBe(404);
  });

  it("escape a unit name holding markup everywhere it appears", async () => {
    const campaigns: Campaign[] = demoCampaigns();
    const c = campaigns.find((x) => x.id === CAMPAIGN)!;
    c.units[0] = { ...c.units[0]!, name: `<script>alert("x")</script> & "Đồng Xoài"` };
    h = await webHarness({ campaigns });
    await report(h, c.units[0]!.code, "kích hoạt 700 TK, lũy kế 41.000", at("09:30"));
    for (const url of [h.dashboardPath(), h.dashboardPath().replace("?", `/units/${c.units[0]!.code}?`)]) {
      const res = await h.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script/i);
      expect(res.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Đồng Xoài&quot;");
    }
  });

  it("keep the token out of the request log", async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    h = await webHarness({ logger: pino({ level: "info" }, sink) });
    const path = h.dashboardPath();
    const token = new URL(path, "http://x").searchParams.get("t")!;
    await h.app.inject({ url: path });
    await h.app.inject({ url: `/dashboard/${CAMPAIGN}?t=${token.slice(0, -2)}zz` });
    const log = lines.join("");
    expect(log).toContain("/dashboard/binh-phuoc-vneid-90?t=[redacted]");
    expect(log).not.toContain(token.split(".")[1]!.slice(0, 20));
  });
});

describe("/dashboard", () => {
  async function send(text: string, over: { senderId: string; chatType?: "group" | "private"; chatId?: string }) {
    return h!.rt.core.handleMessage({
      platform: "telegram",
      chatId: over.chatId ?? over.senderId,
      chatType: over.chatType ?? "private",
      senderId: over.senderId,
      senderName: "Người thử",
      text,
      messageId: String(Math.random()),
      date: h!.clock.now,
    });
  }

  it("gives a leader in private a link that opens the dashboard", async () => {
    h = await webHarness({ env: { PUBLIC_URL: "https://bot.example.gov.vn" } });
    makeLeader(h, "500");
    const [reply] = await send(`/dashboard ${CAMPAIGN}`, { senderId: "500" });
    expect(reply?.text).toContain("Mở được đến 22:00 21/6/2023");
    const url = /https:\/\/bot\.example\.gov\.vn(\/dashboard\/\S+)/.exec(reply!.text!)![1]!;
    expect((await h.app.inject({ url })).statusCode).toBe(200);
    // Without a campaign named and none known for a leader, one link per campaign.
    const [all] = await send("/dashboard", { senderId: "500" });
    expect(all?.text?.match(/\/dashboard\//g)).toHaveLength(2);
    const [unknown] = await send("/dashboard nope", { senderId: "500" });
    expect(unknown?.text).toContain('Không có chiến dịch "nope"');
  });

  it("is refused to a citizen and in a group", async () => {
    h = await webHarness();
    makeLeader(h, "500");
    const [citizen] = await send("/dashboard", { senderId: "501" });
    expect(citizen?.text).toContain("dành cho");
    expect(citizen?.text).not.toContain("/dashboard/");
    const [group] = await send("/dashboard", { senderId: "500", chatType: "group", chatId: "-1001" });
    expect(group?.text).toContain("chỉ dùng khi nhắn riêng");
  });
});
