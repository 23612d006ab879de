import { describe, it, expect } from "vitest";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadCampaignFile } from "../../../src/campaigns/load.ts";
import type { Campaign } from "../../../src/campaigns/schema.ts";
import { foldKey } from "../../../src/text/fold.ts";

const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../src/campaigns/demo");
const dvc = loadCampaignFile(resolve(demoDir, "binh-phuoc-dvc-92.yaml"));
const vneid = loadCampaignFile(resolve(demoDir, "binh-phuoc-vneid-90.yaml"));

const DISTRICTS = ["DXO", "BLO", "PLO", "CTH", "DPH", "BDA", "BDO", "BGM", "LNI", "HQU", "PRI"];

const metric = (c: Campaign, key: string) => {
  const m = c.metrics.find((x) => x.key === key);
  if (!m) throw new Error(`no metric ${key} in ${c.id}`);
  return m;
};

/** Every folded name, alias and code of a unit, mapped to the units that use it. */
function unitKeys(c: Campaign): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const u of c.units)
    for (const s of [u.code, u.name, ...u.aliases]) {
      const k = foldKey(s);
      if (!owners.has(k)) owners.set(k, new Set());
      owners.get(k)!.add(u.code);
    }
  return owners;
}

describe.each([
  ["dvc", dvc],
  ["vneid", vneid],
])("demo campaign %s: common rules", (_name, c) => {
  it("has the 11 district-level units of Bình Phước", () => {
    const districts = c.units.filter((u) => u.level === "district");
    expect(districts.map((u) => u.code).sort()).toEqual([...DISTRICTS].sort());
    expect(districts.every((u) => u.parent === null)).toBe(true);
  });

  it("names every district with its kind as of 2022–2023", () => {
    const name = (code: string) => c.units.find((u) => u.code === code)!.name;
    expect(name("DXO")).toBe("Thành phố Đồng Xoài");
    for (const code of ["BLO", "PLO", "CTH"]) expect(name(code)).toMatch(/^Thị xã /);
    for (const code of ["DPH", "BDA", "BDO", "BGM", "LNI", "HQU", "PRI"]) expect(name(code)).toMatch(/^Huyện /);
  });

  it("keeps every unit name, alias and code unambiguous after folding", () => {
    const clashes = [...unitKeys(c)].filter(([, owners]) => owners.size > 1);
    expect(clashes).toEqual([]);
  });

  it("does not use a bare 'Bù' alias, and keeps the three Bù districts apart", () => {
    const keys = unitKeys(c);
    expect(keys.has("bu")).toBe(false);
    expect([...keys.get("bu dang")!]).toEqual(["BDA"]);
    expect([...keys.get("bu dop")!]).toEqual(["BDO"]);
    expect([...keys.get("bu gia map")!]).toEqual(["BGM"]);
  });

  it("keeps metric aliases unambiguous after folding", () => {
    const owners = new Map<string, string>();
    for (const m of c.metrics)
      for (const a of [m.label, ...m.aliases]) {
        const k = foldKey(a);
        const prev = owners.get(k);
        expect(prev === undefined || prev === m.key, `"${a}" is used by ${prev} and ${m.key}`).toBe(true);
        owners.set(k, m.key);
      }
  });

  it("has the demo schedule and help without phone numbers", () => {
    expect(c.timezone).toBe("Asia/Ho_Chi_Minh");
    expect(c.schedule).toMatchObject({
      deadline: "17:00",
      reminders: ["15:00", "16:30"],
      leaderboard: "20:00",
      digest: { weekday: 1, at: "08:00" },
    });
    expect(c.help.length).toBeGreaterThan(0);
    for (const h of c.help) expect(h).not.toMatch(/\d{3,}/);
  });
});

describe("binh-phuoc-dvc-92", () => {
  it("runs 1/6/2022 – 31/8/2022", () => {
    expect(dvc.id).toBe("binh-phuoc-dvc-92");
    expect(dvc.start).toBe("2022-06-01");
    expect(dvc.end).toBe("2022-08-31");
  });

  it("has the seed-003 targets for the percent metrics, all read as levels", () => {
    const targets = Object.fromEntries(
      dvc.metrics.filter((m) => m.type === "percent").map((m) => [m.key, m.target]),
    );
    expect(targets).toEqual({
      services_online: 80,
      handled_online: 50,
      digitised: 100,
      overdue: 0,
      reports_online: 50,
    });
    for (const m of dvc.metrics.filter((x) => x.type === "percent")) expect(m.mode).toBe("cumulative");
  });

  it("ranks the overdue rate lowest first", () => {
    expect(metric(dvc, "overdue").better).toBe("lower");
    expect(dvc.metrics.filter((m) => m.better === "lower").map((m) => m.key)).toEqual(["overdue"]);
  });

  it("counts online payments as transactions and money", () => {
    expect(metric(dvc, "payments")).toMatchObject({ type: "count", mode: "daily" });
    expect(metric(dvc, "payment_amount")).toMatchObject({ type: "money", mode: "daily" });
  });

  it("has about ten departments besides the districts", () => {
    const departments = dvc.units.filter((u) => u.level === "department");
    expect(departments.length).toBeGreaterThanOrEqual(10);
    expect(departments.map((u) => u.code)).toEqual(expect.arrayContaining(["STP", "STNMT"]));
    const stnmt = departments.find((u) => u.code === "STNMT")!;
    expect(stnmt.aliases).toEqual(expect.arrayContaining(["Sở TN&MT", "Sở TNMT"]));
    expect(dvc.units).toHaveLength(DISTRICTS.length + departments.length);
  });
});

describe("binh-phuoc-vneid-90", () => {
  it("runs 20/6/2023 – 20/9/2023", () => {
    expect(vneid.id).toBe("binh-phuoc-vneid-90");
    expect(vneid.start).toBe("2023-06-20");
    expect(vneid.end).toBe("2023-09-20");
  });

  it("has the two phases of seed 000: 500.000 activated, then 80% of eligible", () => {
    expect(vneid.phases).toEqual([
      expect.objectContaining({ key: "p1", start: "2023-06-20", end: "2023-07-15", targets: { activated: 500000 } }),
      expect.objectContaining({
        key: "p2",
        start: "2023-07-16",
        end: "2023-09-20",
        targets: { activated: { percentOfEligible: 80 } },
      }),
    ]);
  });

  it("reads received and activated figures as daily counts", () => {
    expect(vneid.metrics.map((m) => m.key)).toEqual(["received", "received_l1", "received_l2", "activated"]);
    for (const m of vneid.metrics) expect(m).toMatchObject({ type: "count", mode: "daily", better: "higher" });
  });

  it("has only the 11 districts, each with an eligible population near 1 million in all", () => {
    expect(vneid.units).toHaveLength(11);
    const eligible = vneid.units.reduce((s, u) => s + (u.eligible ?? 0), 0);
    expect(vneid.units.every((u) => typeof u.eligible === "number")).toBe(true);
    expect(eligible).toBeGreaterThan(650_000);
    expect(eligible).toBeLessThan(1_000_000);
  });

  it("splits the 500.000 phase-1 target across units in proportion to eligible", () => {
    const targets = vneid.units.map((u) => u.phaseTargets.p1?.activated);
    expect(targets.every((t) => typeof t === "number")).toBe(true);
    const sum = (targets as number[]).reduce((s, t) => s + t, 0);
    expect(Math.abs(sum - 500_000)).toBeLessThanOrEqual(1_000);
    const eligible = vneid.units.reduce((s, u) => s + u.eligible!, 0);
    for (const u of vneid.units)
      expect((u.phaseTargets.p1!.activated as number) / 500_000).toBeCloseTo(u.eligible! / eligible, 2);
  });
});
