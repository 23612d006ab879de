/** Idempotency and once-a-day notices. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { perDb } from "../prepared.ts";
import { notices, processedEvents } from "../schema.ts";

const processedEvent = perDb((db) =>
  db
    .select({ one: processedEvents.platform })
    .from(processedEvents)
    .where(and(eq(processedEvents.platform, sql.placeholder("platform")), eq(processedEvents.eventId, sql.placeholder("eventId"))))
    .prepare(),
);

const insertEvent = perDb((db) =>
  db.insert(processedEvents).values({ platform: sql.placeholder("platform"), eventId: sql.placeholder("eventId") }).onConflictDoNothing().prepare(),
);

/** True when the event was handled before. */
export function isEventProcessed(db: Db, platform: string, eventId: string): boolean {
  return processedEvent(db).get({ platform, eventId }) !== undefined;
}

/** Records a platform event; false when it was recorded before (a re-delivery to ignore). */
export function claimEvent(db: Db, platform: string, eventId: string): boolean {
  return insertEvent(db).run({ platform, eventId }).changes > 0;
}

/** Records that `kind` happened for `scope` on `day`; false when it already had (e.g. "told once today"). */
export function claimNotice(db: Db, scope: string, kind: string, day: string): boolean {
  return db.insert(notices).values({ scope, kind, day }).onConflictDoNothing().run().changes > 0;
}
