/** The outbox table: enqueue, pick what is due, and record how a send went. */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Address, Reply } from "../core/types.ts";
import type { Db } from "../db/client.ts";
import { outbox } from "../db/schema.ts";

export type OutboxRow = typeof outbox.$inferSelect;
export type Outgoing = Reply & { to: Address };

/** JSON with attachments as base64, so a queued chart survives a restart. */
export function encodeReply(reply: Outgoing): string {
  return JSON.stringify(reply, (key, value: unknown) =>
    key === "data" && value && typeof value === "object" && (value as { type?: string }).type === "Buffer"
      ? { base64: Buffer.from((value as { data: number[] }).data).toString("base64") }
      : value,
  );
}

export function decodeReply(payload: string): Outgoing {
  return JSON.parse(payload, (key, value: unknown) =>
    key === "data" && value && typeof value === "object" && "base64" in value ? Buffer.from((value as { base64: string }).base64, "base64") : value,
  ) as Outgoing;
}

/** Queues a message; with a `dedupeKey` already queued, nothing is added and null is returned. */
export function enqueueRow(db: Db, reply: Outgoing, now: number, dedupeKey?: string): number | null {
  const row = db
    .insert(outbox)
    .values({ platform: reply.to.platform, chatId: reply.to.chatId, payload: encodeReply(reply), dedupeKey: dedupeKey ?? null, nextAttemptAt: now })
    .onConflictDoNothing()
    .returning({ id: outbox.id })
    .get();
  return row?.id ?? null;
}

/** Due messages of a platform, oldest first. */
export function dueRows(db: Db, platform: string, now: number, limit = 200): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.platform, platform), eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all();
}

/** The earliest time a pending message of the platform becomes due, or null when none is pending. */
export function nextDueAt(db: Db, platform: string): number | null {
  const row = db
    .select({ at: sql<number | null>`min(${outbox.nextAttemptAt})` })
    .from(outbox)
    .where(and(eq(outbox.platform, platform), eq(outbox.status, "pending")))
    .get();
  return row?.at ?? null;
}

export function markSending(db: Db, id: number): void {
  db.update(outbox).set({ status: "sending", attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, id)).run();
}

export function markSent(db: Db, id: number, now: number): void {
  db.update(outbox).set({ status: "sent", sentAt: now, lastError: null }).where(eq(outbox.id, id)).run();
}

export function markRetry(db: Db, id: number, at: number, error: string): void {
  db.update(outbox).set({ status: "pending", nextAttemptAt: at, lastError: error }).where(eq(outbox.id, id)).run();
}

export function markDead(db: Db, id: number, error: string): void {
  db.update(outbox).set({ status: "dead", lastError: error }).where(eq(outbox.id, id)).run();
}

/** A reaction can be set twice with no harm; a message sent twice is read twice. */
function isRepeatable(reply: Outgoing): boolean {
  return reply.reaction !== undefined && reply.text === undefined && reply.attachment === undefined;
}

export const INTERRUPTED = "interrupted by a restart mid-send: it may have been delivered, so it is not sent again";

/**
 * After a crash, a send caught half-way may or may not have reached the platform, and no platform call can be
 * asked about afterwards. A reaction is set again; a message is not (none is ever read twice): it is set aside,
 * with the reason, where /healthz and the admins' dead-letter counts show it.
 */
export function settleInterrupted(db: Db): { resent: number; setAside: number } {
  const rows = db.select({ id: outbox.id, payload: outbox.payload }).from(outbox).where(eq(outbox.status, "sending")).all();
  let resent = 0;
  db.transaction(() => {
    for (const row of rows) {
      if (isRepeatable(decodeReply(row.payload))) {
        db.update(outbox).set({ status: "pending" }).where(eq(outbox.id, row.id)).run();
        resent++;
      } else markDead(db, row.id, INTERRUPTED);
    }
  });
  return { resent, setAside: rows.length - resent };
}

export function outboxCounts(db: Db): Record<string, number> {
  const rows = db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
