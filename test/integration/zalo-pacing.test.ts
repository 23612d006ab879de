/**
 * Ban-aware pacing with the production defaults (30 sends a minute overall, 6 a minute per chat, up to 1.5 s of
 * jitter): a blast to 100 groups is spread over minutes, not fired in a second. The real outbox and sender run
 * on fake timers, so the test takes a moment while the clock covers several minutes.
 */
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createZaloChannel, zaloPacing, type ZaloChannel } from "../../src/channels/zalo/index.ts";
import { createOutbox, type Outbox } from "../../src/scheduling/outbox.ts";
import type { Runtime } from "../../src/runtime.ts";
import { FakeZalo } from "../helpers/fake-zalo.ts";
import { silentLogger, testRuntime } from "../helpers/runtime.ts";

let rt: Runtime;
let fake: FakeZalo;
let outbox: Outbox;
let channel: ZaloChannel;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "Date"], now: new Date("2023-06-21T08:00:00+07:00") });
  rt = testRuntime();
  fake = new FakeZalo();
  outbox = createOutbox({ db: rt.db, logger: silentLogger, senders: { zalo: (r) => channel.sender(r) }, pacing: { zalo: zaloPacing(rt.config) }, pollMs: 250 });
  channel = createZaloChannel({ config: rt.config, core: rt.core, outbox, db: rt.db, i18n: rt.i18n, logger: silentLogger, api: fake, credentials: null });
  outbox.start();
  await channel.start();
  await vi.advanceTimersByTimeAsync(10);
});

afterEach(async () => {
  await channel.stop();
  const stopped = outbox.stop();
  await vi.advanceTimersByTimeAsync(5_000);
  await stopped;
  vi.useRealTimers();
  rt.close();
});

it("uses conservative defaults: one send every 2 s overall, 6 a minute per chat, 1.5 s jitter", () => {
  expect(channel.pacing).toEqual({ perSecond: 0.5, perChatPerMinute: 6, jitterMs: 1500 });
});

it("spreads a blast to 100 groups, and a burst to one chat, at the configured pace", async () => {
  const groups = Array.from({ length: 100 }, (_, i) => `58432198765432${String(10000 + i)}`);
  for (const g of groups) outbox.enqueue({ to: { platform: "zalo", chatId: g }, text: "📊 Bảng xếp hạng ngày 21/6" });
  const busy = "5843219876543299999";
  for (let i = 0; i < 12; i++) outbox.enqueue({ to: { platform: "zalo", chatId: busy }, text: `Nhắc lần ${i + 1}` });
  const started = Date.now();
  while (fake.sent.length < 112 && Date.now() - started < 20 * 60_000) await vi.advanceTimersByTimeAsync(1_000);
  expect(fake.sent).toHaveLength(112);

  const times = fake.sent.map((s) => s.at);
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2_000); // never faster than 30 a minute
  expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(111 * 2_000);
  expect(times.at(-1)! - times[0]!).toBeLessThan(111 * 3_600); // spread, not stalled
  expect(gaps.some((g) => g > 2_000)).toBe(true); // jitter varies the rhythm
  // The busy chat never gets more than 6 messages in any minute, and keeps its order.
  const busyTimes = fake.sent.filter((s) => s.threadId === busy).map((s) => s.at);
  for (let i = 6; i < busyTimes.length; i++) expect(busyTimes[i]! - busyTimes[i - 6]!).toBeGreaterThanOrEqual(60_000);
  expect(fake.sent.filter((s) => s.threadId === busy).map((s) => s.message.msg)).toEqual(Array.from({ length: 12 }, (_, i) => `Nhắc lần ${i + 1}`));
});
