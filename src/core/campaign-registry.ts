/** The campaigns loaded at start-up, by id, for features that need their definitions. */
import type { Campaign } from "../campaigns/schema.ts";

export interface CampaignRegistry {
  list(): readonly Campaign[];
  get(id: string): Campaign | undefined;
}

export function createCampaignRegistry(campaigns: readonly Campaign[]): CampaignRegistry {
  const byId = new Map(campaigns.map((c) => [c.id, c]));
  return {
    list: () => campaigns,
    get: (id) => byId.get(id),
  };
}
