/** The day a progress answer is about: today in the campaign's zone, kept within the campaign's dates. */
import type { Campaign } from "../../campaigns/schema.ts";
import { localDay } from "../../time.ts";

export function campaignDay(campaign: Campaign, now: Date): string {
  const today = localDay(now, campaign.timezone);
  if (today < campaign.start) return campaign.start;
  return today > campaign.end ? campaign.end : today;
}
