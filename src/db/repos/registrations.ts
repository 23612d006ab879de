/** Requests to report for a unit, and the join codes that approve them at once. */
import { randomInt } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Db } from "../client.ts";
import { joinCodes, registrationRequests } from "../schema.ts";

export type RegistrationRequest = typeof registrationRequests.$inferSelect;
export type JoinCode = typeof joinCodes.$inferSelect;

export function createRequest(
  db: Db,
  r: { memberId: number; campaignId: string; unitCode: string; platform: string; chatId: string },
): RegistrationRequest {
  const open = db
    .select()
    .from(registrationRequests)
    .where(
      and(
        eq(registrationRequests.memberId, r.memberId),
        eq(registrationRequests.campaignId, r.campaignId),
        eq(registrationRequests.unitCode, r.unitCode),
        eq(registrationRequests.status, "pending"),
      ),
    )
    .get();
  return open ?? db.insert(registrationRequests).values(r).returning().get();
}

export function getRequest(db: Db, id: number): RegistrationRequest | undefined {
  return db.select().from(registrationRequests).where(eq(registrationRequests.id, id)).get();
}

/** Decides a pending request; false when it was already decided (a second admin, a double tap). */
export function decideRequest(db: Db, id: number, status: "approved" | "denied", decidedBy: number, now = Date.now()): boolean {
  return (
    db
      .update(registrationRequests)
      .set({ status, decidedBy, decidedAt: now })
      .where(and(eq(registrationRequests.id, id), eq(registrationRequests.status, "pending")))
      .run().changes > 0
  );
}

// No 0/O/1/I/L: codes are read aloud and typed from paper.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export function createJoinCode(
  db: Db,
  j: { campaignId: string; unitCode: string; createdBy: number; expiresAt: number },
): JoinCode {
  return db.insert(joinCodes).values({ code: newJoinCode(), ...j }).returning().get();
}

/** Normalises what people type ("k7q9x3m2", "K7Q9 X3M2") to the stored form. */
export function normalizeJoinCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : null;
}

/** A join code that can still be used, or undefined. */
export function usableJoinCode(db: Db, input: string, now = Date.now()): JoinCode | undefined {
  const code = normalizeJoinCode(input);
  if (!code) return undefined;
  return db
    .select()
    .from(joinCodes)
    .where(and(eq(joinCodes.code, code), eq(joinCodes.revoked, false), gt(joinCodes.expiresAt, now)))
    .get();
}

export function findJoinCode(db: Db, input: string): JoinCode | undefined {
  const code = normalizeJoinCode(input);
  return code ? db.select().from(joinCodes).where(eq(joinCodes.code, code)).get() : undefined;
}

export function countJoinCodeUse(db: Db, code: string): void {
  const row = db.select().from(joinCodes).where(eq(joinCodes.code, code)).get();
  if (row) db.update(joinCodes).set({ uses: row.uses + 1 }).where(eq(joinCodes.code, code)).run();
}

export function revokeJoinCode(db: Db, input: string): boolean {
  const code = normalizeJoinCode(input);
  return code ? db.update(joinCodes).set({ revoked: true }).where(eq(joinCodes.code, code)).run().changes > 0 : false;
}
