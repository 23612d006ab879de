/** Counts per citizen-assistant topic: asked, and rated helpful or not. */
import { desc, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { faqStats } from "../schema.ts";

export type FaqStat = typeof faqStats.$inferSelect;

export function countFaq(db: Db, topic: string, field: "asked" | "helpful" | "unhelpful"): void {
  db.insert(faqStats)
    .values({ topic, [field]: 1 })
    .onConflictDoUpdate({ target: faqStats.topic, set: { [field]: sql`${faqStats[field]} + 1` } })
    .run();
}

export function faqStatsList(db: Db): FaqStat[] {
  return db.select().from(faqStats).orderBy(desc(faqStats.asked)).all();
}
