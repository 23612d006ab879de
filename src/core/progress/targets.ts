/**
 * Which target applies: for a unit, its phase target, else its own target, else the phase's, else the
 * campaign's; for the whole campaign, the phase's, else the campaign's, else the sum of the units'.
 *
 * A "N%" target means N% of the eligible population: the unit's, or the sum of all units' for the campaign. A
 * plain number set for the whole campaign (or phase) is shared among units in proportion to their eligible
 * population when every unit has one; otherwise a unit has no target of its own. For percent metrics a target
 * is a level (80 or "80%" both mean 80%).
 */
import type { Campaign, Metric, Phase, Target, Unit } from "../../campaigns/schema.ts";

export function phaseOn(campaign: Campaign, day: string): Phase | undefined {
  return campaign.phases.find((p) => p.start <= day && day <= p.end);
}

/** The last day that counts for the day's targets: the phase's end, or the campaign's. */
export function horizonOn(campaign: Campaign, day: string): string {
  return phaseOn(campaign, day)?.end ?? campaign.end;
}

const eligibleCache = new WeakMap<Campaign, number | null>();

/** The campaign's eligible population (null unless every unit has one); computed once per campaign. */
function totalEligible(campaign: Campaign): number | null {
  let sum = eligibleCache.get(campaign);
  if (sum !== undefined) return sum;
  sum = 0;
  for (const u of campaign.units) {
    if (!u.eligible) {
      sum = null;
      break;
    }
    sum += u.eligible;
  }
  eligibleCache.set(campaign, sum);
  return sum;
}

function resolve(t: Target | undefined, metric: Metric, eligible: number | null | undefined): number | null {
  if (t === undefined) return null;
  if (typeof t === "number") return t;
  if (metric.type === "percent") return t.percentOfEligible;
  return eligible ? Math.round((eligible * t.percentOfEligible) / 100) : null;
}

/** The campaign-wide target of `metric` on `day`, or null. */
export function campaignTarget(campaign: Campaign, metric: Metric, day: string): number | null {
  const phase = phaseOn(campaign, day);
  const eligible = totalEligible(campaign);
  const direct = resolve(phase?.targets[metric.key], metric, eligible) ?? resolve(metric.target, metric, eligible);
  if (direct !== null) return direct;
  if (metric.type === "percent") return null;
  let sum = 0;
  for (const u of campaign.units) {
    const t = unitOwnTarget(campaign, metric, u, day);
    if (t === null) return null;
    sum += t;
  }
  return sum;
}

function unitOwnTarget(campaign: Campaign, metric: Metric, unit: Unit, day: string): number | null {
  const phase = phaseOn(campaign, day);
  const own = phase ? unit.phaseTargets[phase.key]?.[metric.key] : undefined;
  return resolve(own, metric, unit.eligible) ?? resolve(unit.targets[metric.key], metric, unit.eligible);
}

/** A unit's target of `metric` on `day`, or null. */
export function unitTarget(campaign: Campaign, metric: Metric, unit: Unit, day: string): number | null {
  const own = unitOwnTarget(campaign, metric, unit, day);
  if (own !== null) return own;
  const phase = phaseOn(campaign, day);
  const shared = phase?.targets[metric.key] ?? metric.target;
  if (shared === undefined) return null;
  if (metric.type === "percent" || typeof shared !== "number") return resolve(shared, metric, unit.eligible);
  const eligible = totalEligible(campaign);
  return eligible && unit.eligible ? Math.round((shared * unit.eligible) / eligible) : null;
}
