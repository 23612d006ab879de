/**
 * The leadership export on a large campaign: 1,000 units × 92 days, each unit reporting most days (a daily and
 * a running figure per report, some late, about 3% of reports missing), seeded straight into SQLite.
 */
import { parseCampaign } from "../../src/campaigns/load.ts";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { syncCampaigns } from "../../src/campaigns/sync.ts";
import { openDatabase, type Db } from "../../src/db/client.ts";
import { createI18n } from "../../src/i18n.ts";
import { exportWorkbook } from "../../src/render/xlsx.ts";
import { addDays, daysBetween, zonedInstant } from "../../src/time.ts";

export const UNITS = 1000;
export const DAYS = 92;

export function bigCampaign(units = UNITS, days = DAYS): Campaign {
  const start = "2023-06-20";
  return parseCampaign({
    id: "bench-export",
    name: "Chiến dịch thử tải: kích hoạt tài khoản định danh điện tử",
    start,
    end: addDays(start, days - 1),
    metrics: [
      { key: "activated", label: "Tài khoản định danh điện tử đã kích hoạt", type: "count", mode: "daily" },
      { key: "rate", label: "Tỷ lệ kích hoạt", type: "percent", mode: "cumulative", target: 80 },
    ],
    phases: [{ key: "p1", label: "Giai đoạn 1", start, end: addDays(start, days - 1), targets: { activated: units * 5000 } }],
    units: Array.from({ length: units }, (_, i) => ({ code: `U${i + 1}`, name: `Xã số ${i + 1} (Ứng Hòa, Đắk Mỹ)`, eligible: 6000 })),
  });
}

/** Seeds reports, their figures and the running totals in one transaction; returns the number of figures. */
export function seed(db: Db, campaign: Campaign): number {
  const sqlite = db.$client;
  const addReport = sqlite.prepare(
    "insert into reports (campaign_id, unit_code, day, platform, chat_id, message_id, sender_id, sender_name, raw_text, sent_at, status, late, updated_at) values (?, ?, ?, 'telegram', '-100', ?, ?, ?, '', ?, 'active', ?, ?)",
  );
  const addValue = sqlite.prepare("insert into report_values (report_id, campaign_id, unit_code, day, metric_key, kind, value, active) values (?, ?, ?, ?, ?, ?, ?, 1)");
  const addProgress = sqlite.prepare("insert into unit_progress (campaign_id, day, metric_key, unit_code, value) values (?, ?, ?, ?, ?)");
  let figures = 0;
  const days = daysBetween(campaign.start, campaign.end);
  sqlite.transaction(() => {
    campaign.units.forEach((u, ui) => {
      let total = 0;
      for (let d = 0; d <= days; d++) {
        const day = addDays(campaign.start, d);
        if ((ui * 31 + d * 7) % 33 !== 0) {
          const late = (ui + d) % 10 === 0;
          const sent = zonedInstant(day, late ? "18:10" : "16:20", campaign.timezone).getTime();
          const id = addReport.run(campaign.id, u.code, day, `${u.code}-${d}`, `s${ui}`, `Cán bộ ${u.name}`, sent, late ? 1 : 0, sent).lastInsertRowid;
          const daily = 30 + ((ui * 13 + d * 17) % 50);
          total += daily;
          addValue.run(id, campaign.id, u.code, day, "activated", "daily", daily);
          addValue.run(id, campaign.id, u.code, day, "activated", "cumulative", total);
          figures += 2;
        }
        addProgress.run(campaign.id, day, "activated", u.code, total);
      }
    });
  })();
  return figures;
}

/** Prints `export: 1,000 units × 92 days, N figures → X MB in T ms`. */
export async function benchExport(): Promise<void> {
  const campaign = bigCampaign();
  const db = openDatabase(":memory:");
  syncCampaigns(db, [campaign]);
  const t0 = performance.now();
  const seeded = seed(db, campaign);
  const seedMs = performance.now() - t0;
  const t = createI18n("vi").t("vi");
  const t1 = performance.now();
  const { data, figures, missing } = await exportWorkbook(db, campaign, { from: campaign.start, to: campaign.end, t });
  const ms = performance.now() - t1;
  db.$client.close();
  if (figures !== seeded) throw new Error(`export holds ${figures} figures, seeded ${seeded}`);
  const mb = (data.length / 1024 / 1024).toFixed(1);
  console.log(
    `export: ${UNITS.toLocaleString("en-US")} units × ${DAYS} days, ${figures.toLocaleString("en-US")} figures + ${missing.toLocaleString("en-US")} missing reports → ${mb} MB .xlsx in ${ms.toFixed(0)} ms (seeded in ${seedMs.toFixed(0)} ms)${ms > 5000 ? "  ⚠ over the 5 s budget" : ""}`,
  );
}
