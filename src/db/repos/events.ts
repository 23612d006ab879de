/** Idempotency and once-a-day notices. */
import { and, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { notices, processedEvents } from "../schema.ts";

/** True when the event was handled before. */
export function isEventProcessed(db: Db, platform: string, eventId: string): boolean {
  return (
    db
      .select({ one: processedEvents.platform })
      .from(processedEvents)
      .where(and(eq(processedEvents.platform, platform), eq(processedEvents.eventId, eventId)))
      .get() !== undefined
  );
}

/** Records a platform event; false when it was recorded before (a re-delivery to ignore). */
export function claimEvent(db: Db, platform: string, eventId: string): boolean {
  return db.insert(processedEvents).values({ platform, eventId }).onConflictDoNothing().run().changes > 0;
}

/** Records that `kind` happened for `scope` on `day`; false when it already had (e.g. "told once today"). */
export function claimNotice(db: Db, scope: string, kind: string, day: string): boolean {
  return db.insert(notices).values({ scope, kind, day }).onConflictDoNothing().run().changes > 0;
}
