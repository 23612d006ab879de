/**
 * Syncs validated campaigns into SQLite: upsert by campaign id, unit code, metric key and phase key. Whatever a
 * file no longer lists becomes inactive; reports are never touched.
 */
import { and, eq, notInArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { campaigns, metrics, phases, targets, units } from "../db/schema.ts";
import type { Campaign, Target } from "./schema.ts";

export interface SyncSummary {
  campaigns: number;
  units: number;
  metrics: number;
}

function targetRow(campaignId: string, metricKey: string, target: Target, phaseKey = "", unitCode = "") {
  return {
    campaignId,
    metricKey,
    phaseKey,
    unitCode,
    amount: typeof target === "number" ? target : null,
    percentOfEligible: typeof target === "number" ? null : target.percentOfEligible,
  };
}

function syncOne(tx: Db, c: Campaign, now: number): void {
  const row = {
    id: c.id,
    name: c.name,
    timezone: c.timezone,
    start: c.start,
    end: c.end,
    definition: c,
    active: true,
    updatedAt: now,
  };
  const { id: _id, ...update } = row;
  tx.insert(campaigns).values(row).onConflictDoUpdate({ target: campaigns.id, set: update }).run();

  c.metrics.forEach((m, position) => {
    const values = { label: m.label, type: m.type, mode: m.mode, better: m.better, position, active: true };
    tx.insert(metrics)
      .values({ campaignId: c.id, key: m.key, ...values })
      .onConflictDoUpdate({ target: [metrics.campaignId, metrics.key], set: values })
      .run();
  });
  c.phases.forEach((p, position) => {
    const values = { label: p.label, start: p.start, end: p.end, position, active: true };
    tx.insert(phases)
      .values({ campaignId: c.id, key: p.key, ...values })
      .onConflictDoUpdate({ target: [phases.campaignId, phases.key], set: values })
      .run();
  });
  c.units.forEach((u, position) => {
    const values = { name: u.name, level: u.level, parent: u.parent, eligible: u.eligible ?? null, position, active: true };
    tx.insert(units)
      .values({ campaignId: c.id, code: u.code, ...values })
      .onConflictDoUpdate({ target: [units.campaignId, units.code], set: values })
      .run();
  });

  const inactive = { active: false } as const;
  tx.update(metrics).set(inactive).where(and(eq(metrics.campaignId, c.id), notInArray(metrics.key, c.metrics.map((m) => m.key)))).run();
  tx.update(units).set(inactive).where(and(eq(units.campaignId, c.id), notInArray(units.code, c.units.map((u) => u.code)))).run();
  const phaseKeys = c.phases.map((p) => p.key);
  tx.update(phases)
    .set(inactive)
    .where(phaseKeys.length ? and(eq(phases.campaignId, c.id), notInArray(phases.key, phaseKeys)) : eq(phases.campaignId, c.id))
    .run();

  // Targets are pure configuration: replace them wholesale.
  tx.delete(targets).where(eq(targets.campaignId, c.id)).run();
  const rows = [
    ...c.metrics.flatMap((m) => (m.target === undefined ? [] : [targetRow(c.id, m.key, m.target)])),
    ...c.phases.flatMap((p) => Object.entries(p.targets).map(([k, t]) => targetRow(c.id, k, t, p.key))),
    ...c.units.flatMap((u) => Object.entries(u.targets).map(([k, t]) => targetRow(c.id, k, t, "", u.code))),
    ...c.units.flatMap((u) =>
      Object.entries(u.phaseTargets).flatMap(([phase, ts]) =>
        Object.entries(ts).map(([k, t]) => targetRow(c.id, k, t, phase, u.code)),
      ),
    ),
  ];
  if (rows.length) tx.insert(targets).values(rows).run();
}

/** Writes every campaign in one transaction: either all of them are synced or nothing changes. */
export function syncCampaigns(db: Db, list: readonly Campaign[], now = Date.now()): SyncSummary {
  db.transaction((tx) => {
    for (const c of list) syncOne(tx as unknown as Db, c, now);
    const ids = list.map((c) => c.id);
    if (ids.length) tx.update(campaigns).set({ active: false }).where(notInArray(campaigns.id, ids)).run();
  });
  return {
    campaigns: list.length,
    units: list.reduce((n, c) => n + c.units.length, 0),
    metrics: list.reduce((n, c) => n + c.metrics.length, 0),
  };
}

/** Campaign definitions stored in the database (active ones), as validated at their last sync. */
export function storedCampaigns(db: Db): Campaign[] {
  return db
    .select({ definition: campaigns.definition })
    .from(campaigns)
    .where(eq(campaigns.active, true))
    .all()
    .map((r) => r.definition as Campaign);
}

