/**
 * The dashboard and the chat page in a real headless Chromium (Debian's `chromium`, driven by playwright-core;
 * nothing is downloaded) against the app listening on 127.0.0.1. Skipped, and reported as skipped, when no
 * browser is installed. With WEB_SCREENSHOTS=<dir>, each page is also saved at phone and desktop widths.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, CAMPAIGN, seedReports, webHarness, type WebHarness } from "./web-harness.ts";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const SHOTS = process.env["WEB_SCREENSHOTS"];
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;

describe.skipIf(!existsSync(CHROMIUM))("web pages in headless Chromium", () => {
  let h: WebHarness;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    h = await webHarness();
    await seedReports(h);
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  /** A fresh page that fails the test on any script run or console error (CSP violations included). */
  async function open(size: keyof typeof SIZES = "desktop"): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: SIZES[size], locale: "vi-VN" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && !m.text().includes("401") && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("dialog", (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    return { page, errors };
  }

  async function shoot(name: string, url: string, prepare?: (page: Page) => Promise<void>): Promise<void> {
    if (!SHOTS) return;
    for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      const { page } = await open(size);
      await page.goto(url);
      await prepare?.(page);
      await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`), fullPage: true });
      await page.context().close();
    }
  }

  it("opens the dashboard with a signed link and shows the stored figures", async () => {
    const { page, errors } = await open();
    const res = await page.goto(base + h.dashboardPath());
    expect(res?.status()).toBe(200);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'none'");
    await expect(page.getByTestId("reported-today").innerText()).resolves.toMatch(/^2\s*\/\s*11 đơn vị$/);
    const board = page.getByTestId("leaderboard");
    // Ranked by % of target: Bình Long (30.115 of 28.750) leads.
    await expect(board.locator("tbody tr").first().innerText()).resolves.toMatch(/^1\s+Thị xã Bình Long\s+30\.115/);
    await expect(board.innerText()).resolves.toContain("41.000");
    await expect(board.innerText()).resolves.toContain("30.115");
    await expect(page.locator(".card", { hasText: "Tài khoản định danh điện tử đã kích hoạt" }).innerText()).resolves.toContain("71.115");
    await expect(page.getByTestId("calendar").locator("tr", { hasText: "Thành phố Đồng Xoài" }).locator(".c.late").count()).resolves.toBe(1);

    // The unit page, reached by its link, shows the report text as text: the <script> in it never runs.
    await board.getByRole("link", { name: "Thị xã Bình Long" }).click();
    await expect(page.locator("h1").innerText()).resolves.toBe("Thị xã Bình Long");
    await expect(page.getByTestId("reports").innerText()).resolves.toContain("<script>window.__pwned=1</script>");
    await expect(page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.getByTestId("history").innerText()).resolves.toContain("30.115");
    expect(errors).toEqual([]);
    await page.context().close();

    await shoot("dashboard", base + h.dashboardPath());
    await shoot("dashboard-unit", base + h.dashboardPath().replace("?", "/units/BLO?"));
  }, 30_000);

  it("answers 401 to a forged or expired link, and reveals nothing", async () => {
    const { page } = await open();
    const good = h.dashboardPath();
    const forged = good.replace(/\.(.)/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`);
    for (const url of [forged, `/dashboard/${CAMPAIGN}`, good.replace(CAMPAIGN, "binh-phuoc-dvc-92")]) {
      const res = await page.goto(base + url);
      expect(res?.status()).toBe(401);
      await expect(page.locator("body").innerText()).resolves.not.toContain("Bình Long");
    }
    // A link made 13 hours ago has expired (links live 12 hours).
    const saved = h.clock.now;
    h.clock.now = at("21:00", "2023-06-20");
    const old = h.dashboardPath();
    h.clock.now = saved;
    expect((await page.goto(base + old))?.status()).toBe(401);
    await page.context().close();
    await shoot("dashboard-401", base + forged);
  }, 20_000);

  /** Picks an identity on /chat and returns the page showing the conversation. */
  async function chatAs(identity: string, where: "group" | "private" = "group", size: keyof typeof SIZES = "desktop") {
    const opened = await open(size);
    await opened.page.goto(`${base}/chat`);
    await opened.page.getByLabel("Tôi là").selectOption(identity);
    if (where === "private") await opened.page.getByLabel("Nhắn riêng với trợ lý").check();
    await opened.page.getByRole("button", { name: "Bắt đầu trò chuyện" }).click();
    return opened;
  }

  async function say(page: Page, text: string): Promise<void> {
    await page.getByRole("textbox", { name: "Tin nhắn" }).fill(text);
    await page.getByRole("button", { name: "Gửi", exact: true }).click();
    await page.waitForLoadState();
  }

  it("on the chat page, a unit's reporter posts a report, sees 👍, and asks for progress", async () => {
    const { page, errors } = await chatAs(`${CAMPAIGN}|unit|PLO`);
    await expect(page.getByTestId("identity").innerText()).resolves.toContain("Thị xã Phước Long");
    await say(page, "Phước Long báo cáo ngày 21/6: kích hoạt 500 TK, lũy kế 12.000");
    const mine = page.locator(".msg.me").last();
    await expect(mine.innerText()).resolves.toContain("lũy kế 12.000");
    await expect(mine.getByTestId("reaction").innerText()).resolves.toBe("👍");

    await say(page, "tiến độ?");
    const answer = await page.locator(".msg.bot").last().innerText();
    expect(answer).toContain("Đơn vị đã báo cáo hôm nay: 3/11");
    expect(answer).toContain("83.115 / 500.000"); // 30.115 + 41.000 + 12.000
    expect(errors).toEqual([]);

    if (SHOTS) {
      for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
        await page.setViewportSize(SIZES[size]);
        await page.screenshot({ path: join(SHOTS, `chat-reporter-${size}.png`), fullPage: true });
      }
    }
    await page.context().close();
  }, 20_000);

  it("on the chat page, a citizen asks a VNeID question in private", async () => {
    const { page, errors } = await chatAs(`${CAMPAIGN}|citizen`);
    await expect(page.getByTestId("identity").innerText()).resolves.toContain("Nhắn riêng với trợ lý");
    await say(page, "Làm sao để kích hoạt tài khoản định danh điện tử mức 2?");
    const answer = page.locator(".msg.bot").last();
    await expect(answer.innerText()).resolves.toMatch(/VNeID/);
    // The rating buttons are forms: pressing one thanks the citizen.
    await answer.getByRole("button").first().click();
    await expect(page.locator(".msg.bot").count()).resolves.toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
    if (SHOTS) {
      for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
        await page.setViewportSize(SIZES[size]);
        await page.screenshot({ path: join(SHOTS, `chat-citizen-${size}.png`), fullPage: true });
      }
    }
    await page.context().close();
    await shoot("chat-identity", `${base}/chat`);
  }, 20_000);
});
