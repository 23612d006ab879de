/**
 * The day a progress answer is about: the reporting day in the campaign's zone (before the morning cut-off it is
 * still the day before, as for reports), kept within the campaign's dates.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import { addDays, clockMinutes, localTime } from "../../time.ts";

export function campaignDay(campaign: Campaign, now: Date): string {
  const local = localTime(now, campaign.timezone);
  const today = local.minutes < clockMinutes(campaign.cutoff) ? addDays(local.day, -1) : local.day;
  if (today < campaign.start) return campaign.start;
  return today > campaign.end ? campaign.end : today;
}
