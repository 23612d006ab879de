/** What a progress question is about: the whole campaign, a level of units ("các huyện"), or one unit. */
import type { Campaign, Unit } from "../../campaigns/schema.ts";
import { foldKey } from "../../text/fold.ts";
import { findUnit } from "../reporting/find-unit.ts";

export type Scope = { kind: "all" } | { kind: "level"; level: string } | { kind: "unit"; unit: Unit } | { kind: "unknown"; query: string };

const ALL = /^(all|tat ca|toan bo|toan tinh|ca tinh|chung|chien dich|toan chien dich|tong|tong the)$/;

/** Vietnamese words for the usual levels; a campaign's own level labels also match as written. */
const LEVEL_WORDS: Record<string, string[]> = {
  district: ["huyen", "quan", "thi xa", "thanh pho", "cap huyen", "huyen thi", "huyen thi xa thanh pho"],
  department: ["so", "so nganh", "so ban nganh", "ban nganh", "nganh", "cap tinh", "co quan", "co quan don vi"],
  commune: ["xa", "phuong", "thi tran", "xa phuong", "cap xa", "xa phuong thi tran"],
};

function levelOf(campaign: Campaign, q: string): string | null {
  const levels = new Set(campaign.units.map((u) => u.level));
  const bare = q.replace(/^(cac|khoi|nhom|cap)\s+/, "");
  for (const level of levels) {
    if (foldKey(level) === bare || foldKey(level) === q) return level;
    if ((LEVEL_WORDS[level] ?? []).includes(bare)) return level;
  }
  return null;
}

/** Reads `args` ("", "all", "Bình Sơn", "các huyện"); an empty query means `fallback`. */
export function readScope(campaign: Campaign, args: string, fallback: Scope): Scope {
  const q = foldKey(args).replace(/\s*(nhu the nao|the nao|ra sao|sao roi|roi|hom nay|hien nay|hien tai)$/, "").trim();
  if (!q) return fallback;
  if (ALL.test(q)) return { kind: "all" };
  const unit = findUnit(campaign, args);
  if (unit) return { kind: "unit", unit };
  const level = levelOf(campaign, q);
  return level ? { kind: "level", level } : { kind: "unknown", query: args.trim() };
}
