/** Members: one row per person per platform, with a granted role and the units they report for. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { perDb } from "../prepared.ts";
import { members, unitReporters } from "../schema.ts";

export type Member = typeof members.$inferSelect;
export type GrantedRole = Member["role"];

/** Finds or creates the member, refreshing the display name (people rename themselves). */
export function upsertMember(
  db: Db,
  m: { platform: string; platformUserId: string; displayName: string; locale?: string | null },
): Member {
  const existing = findMember(db, m.platform, m.platformUserId);
  if (existing) {
    if (m.displayName && existing.displayName !== m.displayName) {
      db.update(members).set({ displayName: m.displayName }).where(eq(members.id, existing.id)).run();
      return { ...existing, displayName: m.displayName };
    }
    return existing;
  }
  return db
    .insert(members)
    .values({ platform: m.platform, platformUserId: m.platformUserId, displayName: m.displayName, locale: m.locale ?? null })
    .returning()
    .get();
}

const memberByPlatformId = perDb((db) =>
  db
    .select()
    .from(members)
    .where(and(eq(members.platform, sql.placeholder("platform")), eq(members.platformUserId, sql.placeholder("platformUserId"))))
    .prepare(),
);

export function findMember(db: Db, platform: string, platformUserId: string): Member | undefined {
  return memberByPlatformId(db).get({ platform, platformUserId });
}

export function getMember(db: Db, id: number): Member | undefined {
  return db.select().from(members).where(eq(members.id, id)).get();
}

export function setMemberRole(db: Db, id: number, role: GrantedRole): void {
  db.update(members).set({ role }).where(eq(members.id, id)).run();
}

export function setMemberLocale(db: Db, id: number, locale: string): void {
  db.update(members).set({ locale }).where(eq(members.id, id)).run();
}

export function membersWithRole(db: Db, role: GrantedRole): Member[] {
  return db.select().from(members).where(eq(members.role, role)).all();
}

const unitsOfMember = perDb((db) =>
  db
    .select({ campaignId: unitReporters.campaignId, unitCode: unitReporters.unitCode })
    .from(unitReporters)
    .where(and(eq(unitReporters.memberId, sql.placeholder("memberId")), sql`(${sql.placeholder("campaignId")} IS NULL OR ${unitReporters.campaignId} = ${sql.placeholder("campaignId")})`))
    .prepare(),
);

/** The units a member reports for, in one campaign or all. */
export function reporterUnits(db: Db, memberId: number, campaignId?: string): { campaignId: string; unitCode: string }[] {
  return unitsOfMember(db).all({ memberId, campaignId: campaignId ?? null });
}

export function addReporterUnit(db: Db, memberId: number, campaignId: string, unitCode: string): void {
  db.insert(unitReporters).values({ memberId, campaignId, unitCode }).onConflictDoNothing().run();
}

/** The members reporting for a unit (for reminders and "not reported" lists). */
export function unitReporterMembers(db: Db, campaignId: string, unitCode: string): Member[] {
  return db
    .select({ m: members })
    .from(unitReporters)
    .innerJoin(members, eq(members.id, unitReporters.memberId))
    .where(and(eq(unitReporters.campaignId, campaignId), eq(unitReporters.unitCode, unitCode)))
    .all()
    .map((r) => r.m);
}
