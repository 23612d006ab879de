/** Finds the unit a command names ("/dangky BSO", "/gan Bình Sơn", "/tiendo huyen binh son"). */
import type { Campaign, Unit } from "../../campaigns/schema.ts";
import { foldKey } from "../../text/fold.ts";

const LEVEL_WORDS = /^(huyen|thi xa|thanh pho|tp|tx|xa|phuong|thi tran|so|ban|nganh|don vi)\s+/;

function keysOf(u: Unit): string[] {
  const keys = [u.code, u.name, ...u.aliases].map(foldKey);
  return [...keys, ...keys.map((k) => k.replace(LEVEL_WORDS, ""))].filter(Boolean);
}

/**
 * Exact code, name or alias first (ignoring case, diacritics and words like "huyện"); then the unit whose name
 * or alias is the longest one contained in the query. Null when nothing or more than one unit fits equally.
 */
export function findUnit(campaign: Campaign, query: string): Unit | null {
  const q = foldKey(query);
  if (!q) return null;
  const bare = q.replace(LEVEL_WORDS, "");
  const exact = campaign.units.filter((u) => keysOf(u).some((k) => k === q || k === bare));
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  let best: Unit | null = null;
  let bestLen = 0;
  let tie = false;
  const padded = ` ${q} `;
  for (const u of campaign.units) {
    for (const k of keysOf(u)) {
      if (k.length < 3 || !padded.includes(` ${k} `)) continue;
      if (k.length > bestLen) {
        best = u;
        bestLen = k.length;
        tie = false;
      } else if (k.length === bestLen && best !== u) tie = true;
    }
  }
  return tie ? null : best;
}

/** Finds a unit across campaigns, preferring `preferred`. */
export function findUnitIn(
  campaigns: readonly Campaign[],
  query: string,
  preferred?: Campaign,
): { campaign: Campaign; unit: Unit } | null {
  const order = preferred ? [preferred, ...campaigns.filter((c) => c.id !== preferred.id)] : campaigns;
  for (const campaign of order) {
    const unit = findUnit(campaign, query);
    if (unit) return { campaign, unit };
  }
  return null;
}
