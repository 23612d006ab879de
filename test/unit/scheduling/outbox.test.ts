import { afterEach, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { ChannelError } from "../../../src/core/types.ts";
import { openDatabase, type Db } from "../../../src/db/client.ts";
import { outbox as outboxTable } from "../../../src/db/schema.ts";
import { createOutbox, type Outbox, type Sender } from "../../../src/scheduling/outbox.ts";
import { INTERRUPTED, type Outgoing } from "../../../src/scheduling/outbox-store.ts";
import { silentLogger } from "../../helpers/runtime.ts";

const msg = (chatId: string, text: string): Outgoing => ({ to: { platform: "telegram", chatId }, text });

let running: Outbox[] = [];
afterEach(async () => {
  for (const o of running.splice(0)) await o.stop();
});

function make(db: Db, send: Sender, pacing = { perSecond: 1000, perChatPerMinute: 1000 }, maxAttempts = 3): Outbox {
  const o = createOutbox({ db, logger: silentLogger, senders: { telegram: send }, pacing: { telegram: pacing }, maxAttempts, pollMs: 10 });
  running.push(o);
  return o;
}

describe("outbox", () => {
  it("sends every message once, in order within a chat", async () => {
    const db = openDatabase(":memory:");
    const sent: string[] = [];
    const o = make(db, async (r) => {
      await new Promise((res) => setTimeout(res, Math.random() * 5));
      sent.push(`${r.to.chatId}:${r.text}`);
    });
    for (let i = 0; i < 20; i++) o.enqueue(msg(i % 2 ? "a" : "b", String(i)));
    o.start();
    expect(await o.drain(5000)).toBe(true);
    expect(sent).toHaveLength(20);
    const a = sent.filter((s) => s.startsWith("a:")).map((s) => Number(s.slice(2)));
    expect(a).toEqual([...a].sort((x, y) => x - y));
  });

  it("keeps a chat's order while its first message waits for a retry; other chats go on", async () => {
    const db = openDatabase(":memory:");
    const sent: string[] = [];
    let failed = false;
    const o = make(db, async (r) => {
      if (r.text === "summary" && !failed) {
        failed = true;
        throw new ChannelError("socket hang up", "TRANSIENT");
      }
      sent.push(`${r.to.chatId}:${r.text}`);
    });
    o.enqueue(msg("a", "summary"));
    o.enqueue(msg("a", "chart"));
    o.enqueue(msg("b", "reminder"));
    o.start();
    expect(await o.drain(10_000)).toBe(true);
    expect(sent).toEqual(["b:reminder", "a:summary", "a:chart"]);
  });

  it("keeps going when the database refuses writes for a while, and sends once it takes them again", async () => {
    const db = openDatabase(":memory:");
    const sent: string[] = [];
    const o = make(db, async (r) => void sent.push(r.text!));
    o.enqueue(msg("a", "1"));
    db.$client.pragma("query_only = ON");
    o.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(sent).toEqual([]);
    db.$client.pragma("query_only = OFF");
    expect(await o.drain(5000)).toBe(true);
    expect(sent).toEqual(["1"]);
  });

  it("queues a message with the same dedupe key once", () => {
    const db = openDatabase(":memory:");
    const o = make(db, async () => {});
    expect(o.enqueue(msg("a", "nhắc"), { dedupeKey: "reminder:c:2023-06-21:a" })).toBeTypeOf("number");
    expect(o.enqueue(msg("a", "nhắc"), { dedupeKey: "reminder:c:2023-06-21:a" })).toBeNull();
    expect(o.stats()).toEqual({ pending: 1 });
  });

  it("waits retry_after on 429 and then sends", async () => {
    const db = openDatabase(":memory:");
    let calls = 0;
    const times: number[] = [];
    const o = make(db, async () => {
      times.push(Date.now());
      if (calls++ === 0) throw new ChannelError("Too Many Requests", "RATE_LIMITED", 1);
    });
    o.enqueue(msg("a", "x"));
    o.start();
    expect(await o.drain(5000)).toBe(true);
    expect(calls).toBe(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("dead-letters a message after repeated failures, and at once when forbidden, with the reason", async () => {
    const db = openDatabase(":memory:");
    const o = make(db, async (r) => {
      throw r.text === "blocked" ? new ChannelError("bot was blocked by the user", "FORBIDDEN") : new ChannelError("bad gateway", "TRANSIENT");
    }, undefined, 1);
    o.enqueue(msg("a", "blocked"));
    o.enqueue(msg("b", "flaky"));
    o.start();
    expect(await o.drain(5000)).toBe(true);
    const rows = db.select().from(outboxTable).all();
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ["dead", "FORBIDDEN: bot was blocked by the user"],
      ["dead", "TRANSIENT: bad gateway"],
    ]);
  });

  it("counts a reaction's failed attempts though it is never marked as being sent, and sends it one attempt at a time", async () => {
    const db = openDatabase(":memory:");
    // Each retry is due at once: the clock jumps an hour every 5 ms.
    let clock = Date.now();
    const ticking = setInterval(() => (clock += 3_600_000), 5);
    const seen: string[] = [];
    const o = createOutbox({
      db,
      logger: silentLogger,
      senders: {
        telegram: async () => {
          seen.push(db.select().from(outboxTable).get()!.status);
          await new Promise((r) => setTimeout(r, 30)); // long enough for the lane to look for work three times meanwhile
          throw new ChannelError("bad gateway", "TRANSIENT");
        },
      },
      pacing: { telegram: { perSecond: 1000, perChatPerMinute: 1000 } },
      maxAttempts: 3,
      pollMs: 10,
      now: () => clock,
    });
    running.push(o);
    o.enqueue({ to: { platform: "telegram", chatId: "g" }, reaction: "👍", reactTo: "7" });
    o.start();
    expect(await o.drain(5000)).toBe(true);
    clearInterval(ticking);
    expect(seen).toEqual(["pending", "pending", "pending"]);
    expect(db.select().from(outboxTable).get()).toMatchObject({ status: "dead", attempts: 3, lastError: "TRANSIENT: bad gateway" });
  });

  it("dead-letters a message whose stored payload cannot be read, and sends the chat's next one", async () => {
    const db = openDatabase(":memory:");
    const sent: string[] = [];
    const dead: string[] = [];
    const o = createOutbox({ db, logger: silentLogger, senders: { telegram: async (r) => void sent.push(r.text!) }, pollMs: 10, onDead: (_row, reason) => dead.push(reason) });
    running.push(o);
    const broken = [o.enqueue(msg("a", "broken"))!, o.enqueue(msg("b", "null"))!, o.enqueue(msg("c", "a number"))!];
    o.enqueue(msg("a", "next"));
    o.enqueue(msg("d", "other chat"));
    for (const [id, payload] of broken.map((id, i) => [id, ["{not json", "null", "5"][i]!] as const)) db.update(outboxTable).set({ payload }).where(eq(outboxTable.id, id)).run();
    o.start();
    expect(await o.drain(5000)).toBe(true);
    expect(sent.sort()).toEqual(["next", "other chat"]);
    const rows = db.select().from(outboxTable).where(inArray(outboxTable.id, broken)).all();
    expect(rows.map((r) => [r.status, r.lastError?.startsWith("UNREADABLE")])).toEqual([["dead", true], ["dead", true], ["dead", true]]);
    expect(dead).toHaveLength(3);
  });

  it("does not send a reaction again and again while the database refuses to record it", async () => {
    const db = openDatabase(":memory:");
    let calls = 0;
    const o = make(db, async () => {
      // The reaction reaches Telegram, then the database turns read-only before it is recorded as sent.
      if (++calls === 1) db.$client.pragma("query_only = ON");
    });
    o.enqueue({ to: { platform: "telegram", chatId: "g" }, reaction: "👍", reactTo: "7" });
    o.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(1);
    db.$client.pragma("query_only = OFF");
    expect(await o.drain(5000)).toBe(true);
    // Set once more when the database took writes again (harmless for a reaction), then recorded.
    expect(calls).toBe(2);
    expect(db.select().from(outboxTable).get()).toMatchObject({ status: "sent" });
  });

  it("keeps to the per-chat limit", async () => {
    const db = openDatabase(":memory:");
    let sent = 0;
    const o = make(db, async () => void sent++, { perSecond: 1000, perChatPerMinute: 3 });
    for (let i = 0; i < 5; i++) o.enqueue(msg("group", String(i)));
    o.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(sent).toBe(3);
    expect(o.stats()).toEqual({ sent: 3, pending: 2 });
  });

  it("after a restart sends what was pending, sets a reaction caught mid-send again, and never a message twice (nor an unreadable one)", async () => {
    const db = openDatabase(":memory:");
    const first = make(db, async () => {});
    const caught = first.enqueue(msg("a", "caught mid-send"))!;
    const reaction = first.enqueue({ to: { platform: "telegram", chatId: "b" }, reaction: "👍", reactTo: "7" })!;
    const garbled = first.enqueue(msg("c", "garbled"))!;
    first.enqueue(msg("a", "pending"));
    db.update(outboxTable).set({ status: "sending" }).where(inArray(outboxTable.id, [caught, reaction, garbled])).run(); // the process died mid-send
    db.update(outboxTable).set({ payload: "{" }).where(eq(outboxTable.id, garbled)).run();
    const sent: Outgoing[] = [];
    const second = make(db, async (r) => void sent.push(r));
    second.start();
    expect(await second.drain(5000)).toBe(true);
    expect(sent.map((r) => r.text ?? r.reaction).sort()).toEqual(["pending", "👍"]);
    const setAside = db.select().from(outboxTable).where(eq(outboxTable.id, caught)).get()!;
    expect(setAside).toMatchObject({ status: "dead", lastError: INTERRUPTED });
    // One that cannot even be read does not stop the start: it is set aside too.
    expect(db.select().from(outboxTable).where(eq(outboxTable.id, garbled)).get()).toMatchObject({ status: "dead", lastError: INTERRUPTED });
  });

  it("keeps attachments across the queue", async () => {
    const db = openDatabase(":memory:");
    let got: Buffer | undefined;
    const o = make(db, async (r) => void (got = r.attachment?.data));
    o.enqueue({ to: { platform: "telegram", chatId: "a" }, attachment: { kind: "image", filename: "bxh.png", mimeType: "image/png", data: Buffer.from([137, 80, 78, 71]) } });
    o.start();
    await o.drain(5000);
    expect(got).toEqual(Buffer.from([137, 80, 78, 71]));
  });
});
