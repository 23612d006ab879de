import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../../src/campaigns/load.ts";
import type { Campaign } from "../../../src/campaigns/schema.ts";
import { storedCampaigns, syncCampaigns } from "../../../src/campaigns/sync.ts";
import { openDatabase } from "../../../src/db/client.ts";
import { metrics, reports, reportValues, targets, units } from "../../../src/db/schema.ts";

const base = {
  id: "sync-test",
  name: "Sync",
  start: "2023-06-20",
  end: "2023-09-20",
  metrics: [
    { key: "activated", label: "Kích hoạt", type: "count", mode: "daily", target: 1000 },
    { key: "received", label: "Thu nhận", type: "count", mode: "daily" },
  ],
  phases: [{ key: "p1", label: "GĐ1", start: "2023-06-20", end: "2023-07-15", targets: { activated: "80%" } }],
  units: [
    { code: "A", name: "Huyện A", eligible: 100, targets: { activated: 50 } },
    { code: "B", name: "Huyện B", phaseTargets: { p1: { activated: 20 } } },
  ],
};

const make = (over: Partial<typeof base> = {}): Campaign => parseCampaign({ ...base, ...over });

describe("syncCampaigns", () => {
  it("is idempotent: syncing twice gives the same rows", () => {
    const db = openDatabase(":memory:");
    syncCampaigns(db, [make()], 1);
    const first = { u: db.select().from(units).all(), m: db.select().from(metrics).all(), t: db.select().from(targets).all() };
    syncCampaigns(db, [make()], 1);
    expect({ u: db.select().from(units).all(), m: db.select().from(metrics).all(), t: db.select().from(targets).all() }).toEqual(first);
    expect(first.t).toHaveLength(4);
    expect(first.t.find((t) => t.phaseKey === "p1" && t.unitCode === "")).toMatchObject({ amount: null, percentOfEligible: 80 });
    expect(first.t.find((t) => t.phaseKey === "p1" && t.unitCode === "B")).toMatchObject({ amount: 20 });
  });

  it("marks removed units and metrics inactive and keeps their reports", () => {
    const db = openDatabase(":memory:");
    syncCampaigns(db, [make()]);
    const r = db
      .insert(reports)
      .values({ campaignId: "sync-test", unitCode: "B", day: "2023-06-21", platform: "console", chatId: "g", messageId: "1", senderId: "u", rawText: "B thu nhận 5", sentAt: 1, status: "active", updatedAt: 1 })
      .returning()
      .get();
    db.insert(reportValues).values({ reportId: r.id, campaignId: "sync-test", unitCode: "B", day: "2023-06-21", metricKey: "received", kind: "daily", value: 5 }).run();

    syncCampaigns(db, [make({ units: [base.units[0]!], metrics: [base.metrics[0]!] } as never)]);
    expect(db.select().from(units).where(eq(units.code, "B")).get()?.active).toBe(false);
    expect(db.select().from(metrics).where(eq(metrics.key, "received")).get()?.active).toBe(false);
    expect(db.select().from(reportValues).all()).toHaveLength(1);
    expect(db.select().from(reports).all()).toHaveLength(1);

    // Put back: active again, report still there.
    syncCampaigns(db, [make()]);
    expect(db.select().from(units).where(eq(units.code, "B")).get()?.active).toBe(true);
    expect(storedCampaigns(db).map((c) => c.id)).toEqual(["sync-test"]);
  });

  it("updates names and targets from an edited file", () => {
    const db = openDatabase(":memory:");
    syncCampaigns(db, [make()]);
    syncCampaigns(db, [make({ units: [{ ...base.units[0]!, name: "Thị xã A", targets: { activated: 70 } }, base.units[1]!] } as never)]);
    expect(db.select().from(units).where(eq(units.code, "A")).get()?.name).toBe("Thị xã A");
    expect(db.select().from(targets).all().find((t) => t.unitCode === "A")?.amount).toBe(70);
  });
});
