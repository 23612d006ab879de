/**
 * Where a campaign's stored progress ends. `unit_progress` holds rows up to the *frontier*, the last day a change of
 * figures was for (see `core/reporting/progress-store.ts`); a later day's figures are the frontier's.
 */
import type { Db } from "../client.ts";
import { statement } from "../prepared.ts";

const lastStoredDay = statement<[string], string | null>("SELECT max(day) FROM unit_progress WHERE campaign_id = ?");

/** The last day with stored rows, or null when the campaign has none. */
export function progressFrontier(db: Db, campaignId: string): string | null {
  return lastStoredDay(db).pluck().get(campaignId) ?? null;
}

/** The day whose stored rows hold the figures of `day`: the day itself, or the frontier when `day` is past it. */
export function storedDay(db: Db, campaignId: string, day: string): string {
  const frontier = progressFrontier(db, campaignId);
  return frontier !== null && frontier < day ? frontier : day;
}
