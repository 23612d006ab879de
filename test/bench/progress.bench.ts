/**
 * Progress answers at national scale: 10,000 units × 92 days × 4 metrics (≈3.7 M figures) in a file database,
 * then the time of the full /bxh, /tiendo, /tonghop and /chuabaocao answers and of `campaignSnapshot` (median of 5
 * after a warm-up; fewer runs for calls that take seconds), on a day of each phase, with where the time goes and
 * the query plans. The figures are written straight into the tables, as ingestion would have left them
 * (report_values, reports, and unit_progress = `cumulativeOn` per unit, metric and day, checked against it for a
 * sample of units), since going through the message pipeline for millions of figures would take hours.
 *
 * BENCH_UNITS=n seeds fewer units (default 10,000); BENCH_DB=path keeps the seeded file there and reuses it.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCampaign } from "../../src/campaigns/load.ts";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { syncCampaigns } from "../../src/campaigns/sync.ts";
import { parseConfig } from "../../src/config.ts";
import { cumulativeOn, type Figure } from "../../src/core/progress/arithmetic.ts";
import { competitionRanks } from "../../src/core/progress/ranking.ts";
import { campaignSnapshot, pace, paceDay } from "../../src/core/progress/snapshot.ts";
import { unitTarget } from "../../src/core/progress/targets.ts";
import type { InboundMessage } from "../../src/core/types.ts";
import { openDatabase, type Db } from "../../src/db/client.ts";
import { unitReporterMembers } from "../../src/db/repos/members.ts";
import { lastReportDays, unitsReportedOn } from "../../src/db/repos/reports.ts";
import { createRuntime } from "../../src/runtime.ts";
import { addDays } from "../../src/time.ts";
import { silentLogger } from "../helpers/runtime.ts";

const UNITS = Number(process.env["BENCH_UNITS"] ?? 10_000);
const DAYS = 92;
const START = "2023-06-20";
const END = addDays(START, DAYS - 1);
const P1_END = addDays(START, 25);
const RUNS = 5;

/** A small deterministic generator (mulberry32), so every run seeds the same figures. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 10,000 units in two levels, 4 metrics, two phases with a count target and an "80%" target, some unit overrides. */
function syntheticCampaign(units: number): Campaign {
  const rnd = random(7);
  return parseCampaign({
    id: "bench-national",
    name: "Chiến dịch thử tải toàn quốc",
    start: START,
    end: END,
    metrics: [
      { key: "received", label: "Thu nhận hồ sơ", type: "count", mode: "daily", target: 8_000_000 },
      { key: "activated", label: "Kích hoạt tài khoản", type: "count", mode: "daily" },
      { key: "fees", label: "Phí, lệ phí trực tuyến", type: "money", mode: "daily" },
      { key: "rate", label: "Tỷ lệ kích hoạt", type: "percent", mode: "cumulative", target: 80 },
    ],
    phases: [
      { key: "p1", label: "Giai đoạn 1: Cao điểm", start: START, end: P1_END, targets: { activated: 5_000_000 } },
      { key: "p2", label: "Giai đoạn 2: Về đích", start: addDays(P1_END, 1), end: END, targets: { activated: "80%" } },
    ],
    units: Array.from({ length: units }, (_, i) => {
      const eligible = 2_000 + Math.floor(rnd() * 18_000);
      return {
        code: `U${String(i).padStart(5, "0")}`,
        name: i < 700 ? `Huyện Thử ${i}` : `Xã Thử ${i}`,
        level: i < 700 ? "district" : "commune",
        eligible,
        ...(i % 10 === 3 ? { phaseTargets: { p1: { activated: Math.round(eligible * 0.5) } } } : {}),
      };
    }),
  });
}

interface SeedCounts {
  reports: number;
  values: number;
  progress: number;
}

/**
 * Writes reports, report_values and unit_progress with prepared statements in big transactions. Secondary indexes
 * are dropped first and rebuilt from their own SQL afterwards (one sort instead of millions of random inserts).
 */
function seed(db: Db, campaign: Campaign): SeedCounts {
  const c = db.$client;
  c.pragma("journal_mode = DELETE");
  c.pragma("journal_mode = OFF");
  c.pragma("synchronous = OFF");
  c.pragma("foreign_keys = OFF");
  c.pragma("cache_size = -400000");
  const indexes = c
    .prepare("select name, sql from sqlite_master where type = 'index' and tbl_name in ('reports', 'report_values') and sql is not null")
    .all() as { name: string; sql: string }[];
  for (const ix of indexes) c.exec(`drop index ${ix.name}`);

  const insReport = c.prepare(
    "insert into reports (id, campaign_id, unit_code, day, platform, chat_id, message_id, sender_id, sender_name, raw_text, sent_at, status, late, created_at, updated_at) values (?, ?, ?, ?, 'telegram', '-100', ?, ?, '', 'seed', ?, 'active', 0, ?, ?)",
  );
  const insValue = c.prepare(
    "insert into report_values (id, report_id, campaign_id, unit_code, day, metric_key, kind, value, source, current, active, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, '', 1, 1, ?)",
  );
  const insProgress = c.prepare("insert into unit_progress (campaign_id, day, metric_key, unit_code, value) values (?, ?, ?, ?, ?)");

  const metrics = campaign.metrics;
  const M = metrics.length;
  const days = Array.from({ length: DAYS }, (_, d) => addDays(START, d));
  const sentAt = days.map((d) => Date.parse(`${d}T09:00:00+07:00`));
  // progress[(d * M + m) * U + u]: the cumulative figure, NaN before the unit's first figure.
  const U = campaign.units.length;
  const progress = new Float64Array(DAYS * M * U).fill(Number.NaN);
  const checked: { unit: number; figures: Figure[][] }[] = [];
  const rnd = random(42);
  let reportId = 0;
  let valueId = 0;

  const writeUnits = c.transaction((from: number, to: number) => {
    for (let u = from; u < to; u++) {
      const unit = campaign.units[u]!;
      // Some units fall silent for the last days; the others miss a day now and then.
      const silentFrom = u % 50 === 7 ? DAYS - 5 - (u % 7) : DAYS;
      const sums = new Float64Array(M).fill(Number.NaN);
      const keep = u < 20 ? { unit: u, figures: metrics.map((): Figure[] => []) } : undefined;
      for (let d = 0; d < DAYS; d++) {
        if (d < silentFrom && rnd() > 0.03) {
          const id = ++reportId;
          insReport.run(id, campaign.id, unit.code, days[d], `m${id}`, `s${u}`, sentAt[d], sentAt[d], sentAt[d]);
          for (let m = 0; m < M; m++) {
            const metric = metrics[m]!;
            const prev = Number.isNaN(sums[m]!) ? 0 : sums[m]!;
            const figures: Figure[] = [];
            if (metric.type === "percent") {
              figures.push({ day: days[d]!, kind: "cumulative", value: Math.min(100, Math.round((prev + rnd() * 2) * 10) / 10) });
            } else {
              const daily = metric.type === "money" ? Math.round(rnd() * 5_000) * 1_000 : Math.floor(rnd() * 200);
              figures.push({ day: days[d]!, kind: "daily", value: daily });
              // A running total once a week, as many units send one: it includes the day's figure.
              if (metric.key === "activated" && d % 7 === 6) figures.push({ day: days[d]!, kind: "cumulative", value: prev + daily });
            }
            for (const f of figures) insValue.run(++valueId, id, campaign.id, unit.code, f.day, metric.key, f.kind, f.value, sentAt[d]);
            const last = figures[figures.length - 1]!;
            sums[m] = metric.type === "percent" || last.kind === "cumulative" ? last.value : prev + last.value;
            keep?.figures[m]!.push(...figures);
          }
        }
        for (let m = 0; m < M; m++) progress[(d * M + m) * U + u] = sums[m]!;
      }
      if (keep) checked.push(keep);
    }
  });
  for (let u = 0; u < U; u += 500) writeUnits(u, Math.min(U, u + 500));

  // The running sums above must be what ingestion's `cumulativeOn` would have stored.
  for (const { unit, figures } of checked)
    for (let m = 0; m < M; m++)
      for (let d = 0; d < DAYS; d++) {
        const want = cumulativeOn(figures[m]!, days[d]!, metrics[m]!.type);
        const got = progress[(d * M + m) * U + unit]!;
        if ((want ?? Number.NaN).toString() !== got.toString()) throw new Error(`seed mismatch: unit ${unit}, ${metrics[m]!.key}, ${days[d]}: ${got} ≠ ${want}`);
      }

  let progressRows = 0;
  const writeProgress = c.transaction((d: number) => {
    for (let m = 0; m < M; m++)
      for (let u = 0; u < U; u++) {
        const v = progress[(d * M + m) * U + u]!;
        if (Number.isNaN(v)) continue;
        insProgress.run(campaign.id, days[d], metrics[m]!.key, campaign.units[u]!.code, v);
        progressRows++;
      }
  });
  // Sorted by the primary key (campaign, day, metric, unit), so the index grows at its end.
  const codesSorted = campaign.units.every((x, i, a) => i === 0 || a[i - 1]!.code < x.code);
  if (!codesSorted) throw new Error("unit codes must be in order for the progress insert");
  for (let d = 0; d < DAYS; d++) writeProgress(d);

  for (const ix of indexes) c.exec(ix.sql);
  c.exec("analyze");
  c.pragma("foreign_keys = ON");
  c.pragma("synchronous = NORMAL");
  c.pragma("journal_mode = WAL");
  return { reports: reportId, values: valueId, progress: progressRows };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Median ms of up to `RUNS` calls after one warm-up. Calls that take seconds are repeated fewer times, so the
 * whole bench stays under two minutes even when the answers are far from their budget.
 */
async function time(fn: () => unknown): Promise<{ ms: number; runs: number }> {
  const w0 = performance.now();
  await fn();
  const warm = performance.now() - w0;
  const runs = warm > 1000 ? 1 : warm > 300 ? 3 : RUNS;
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), runs };
}

const fmt = ({ ms, runs }: { ms: number; runs: number }) =>
  `${ms.toFixed(1).padStart(8)} ms${runs < RUNS ? ` (${runs} run${runs > 1 ? "s" : ""})` : ""}${ms > 100 ? "  ⚠ over 100 ms" : ""}`;
const n = (x: number) => x.toLocaleString("en-US");
const line = (label: string, t: { ms: number; runs: number }, note = "") => console.log(`  ${label.padEnd(44)}${fmt(t)}${note ? `  ${note}` : ""}`);

function explain(client: Db["$client"], label: string, sql: string, ...params: unknown[]): void {
  const plan = client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[];
  console.log(`  plan ${label}: ${plan.map((p) => p.detail).join(" | ")}`);
}

/** One reporter per unit, as registration would leave them (for /chuabaocao's names). */
function seedReporters(db: Db, campaign: Campaign): void {
  const c = db.$client;
  const member = c.prepare("insert into members (id, platform, platform_user_id, display_name, role, created_at) values (?, 'telegram', ?, ?, 'member', 0)");
  const reporter = c.prepare("insert into unit_reporters (member_id, campaign_id, unit_code, created_at) values (?, ?, ?, 0)");
  c.transaction(() => {
    campaign.units.forEach((u, i) => {
      member.run(100_000 + i, `s${i}`, `Cán bộ ${i}`);
      reporter.run(100_000 + i, campaign.id, u.code);
    });
  })();
}

/** Prints the seeding time, then each answer's median time with the rows it read. */
export async function benchProgress(): Promise<void> {
  const started = performance.now();
  // BENCH_DB=path keeps the seeded database there (and reuses it on the next run), to profile without re-seeding.
  const kept = process.env["BENCH_DB"];
  const dir = kept ? undefined : mkdtempSync(join(tmpdir(), "cdb-bench-progress-"));
  const file = kept ?? join(dir!, "bench.sqlite");
  try {
    let t0 = performance.now();
    const campaign = syntheticCampaign(UNITS);
    if (kept && existsSync(kept)) {
      console.log(`progress: reusing the seeded database ${kept}`);
    } else {
      const seedDb = openDatabase(file);
      syncCampaigns(seedDb, [campaign]);
      const synced = performance.now() - t0;
      t0 = performance.now();
      const counts = seed(seedDb, campaign);
      seedReporters(seedDb, campaign);
      const seeded = performance.now() - t0;
      seedDb.$client.close();
      console.log(
        `progress: seeded ${n(UNITS)} units × ${DAYS} days × ${campaign.metrics.length} metrics: ${n(counts.reports)} reports, ${n(counts.values)} values, ${n(counts.progress)} unit_progress rows, ${n(UNITS)} reporters in ${(seeded / 1000).toFixed(1)} s (campaign sync ${(synced / 1000).toFixed(1)} s)`,
      );
    }

    let clock = new Date();
    t0 = performance.now();
    const rt = createRuntime({
      config: parseConfig({ DATABASE_PATH: file, ADMINS: "console:admin" }),
      logger: silentLogger,
      campaigns: [campaign],
      now: () => clock,
    });
    console.log(`progress: runtime over the seeded file (re-sync of ${n(UNITS)} units) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const client = rt.db.$client;
    try {
      // Message ids unique to this run: a reused BENCH_DB remembers the last run's, and the core answers an id once.
      const run = Date.now().toString(36);
      let seq = 0;
      const msg = (text: string): InboundMessage => ({
        platform: "console",
        chatId: "group-bench",
        chatType: "group",
        senderId: "admin",
        senderName: "Quản trị",
        text,
        messageId: `${run}-${++seq}`,
        date: clock,
      });
      clock = new Date(`${START}T08:00:00+07:00`);
      await rt.core.handleMessage(msg(`/ketnoi ${campaign.id}`));

      for (const day of [addDays(START, 19), END]) {
        clock = new Date(`${day}T10:00:00+07:00`);
        const s = campaignSnapshot(rt.db, campaign, day);
        const ranked = s.metrics.map((m) => m.units.filter((u) => u.rank !== null).length);
        console.log(`progress on ${day} (${s.phase?.label}): ${n(s.reportedToday.size)}/${n(UNITS)} reported, ranked per metric ${ranked.map(n).join("/")}`);

        for (const command of ["/bxh", "/tiendo", "/tonghop", "/chuabaocao"]) {
          let chars = 0;
          const t = await time(async () => {
            // A minute apart, so the core's reply limiter (8 answers a minute per sender) never drops an answer.
            clock = new Date(clock.getTime() + 61_000);
            const replies = await rt.core.handleMessage(msg(command));
            chars = replies.reduce((k, r) => k + (r.text?.length ?? 0), 0);
          });
          if (chars === 0) throw new Error(`${command} gave no answer`);
          line(`${command}${command === "/tiendo" ? " (whole campaign)" : ""} via handleMessage`, t, `(${n(chars)} chars)`);
        }
        line("campaignSnapshot", await time(() => campaignSnapshot(rt.db, campaign, day)));

        // Where a snapshot's time goes: its reads (as plain SQL, per metric and day), then the targets, ranks and pace of every unit.
        let rows = 0;
        const figuresWhere = "from unit_progress where campaign_id = ? and day = ? and metric_key = ? order by unit_code";
        const readCodes = client.prepare(`select unit_code ${figuresWhere}`).pluck();
        const readValues = client.prepare(`select value ${figuresWhere}`).pluck();
        const figures = () => readCodes.all(campaign.id, day, "activated").length + readValues.all(campaign.id, day, "activated").length;
        line("  unit_progress, a metric's day, 2 plucks", await time(() => (rows = figures())), `(${n(rows)} rows)`);
        const totalSql = "select coalesce(sum(value), 0), count(*) from unit_progress where campaign_id = ? and day = ? and metric_key = ?";
        const readTotal = client.prepare(totalSql).raw();
        line("  unit_progress, a metric's day total", await time(() => readTotal.get(campaign.id, day, "activated")));
        line("  unitsReportedOn (one day)", await time(() => (rows = unitsReportedOn(rt.db, campaign.id, day).size)), `(${n(rows)} units)`);
        for (const metric of campaign.metrics)
          line(`  unitTarget × ${n(UNITS)} (${metric.key})`, await time(() => campaign.units.map((u) => unitTarget(campaign, metric, u, day))));
        const scores = campaign.units.map((_, i) => ((i * 7919) % 10_007) / 100);
        line(`  competitionRanks × ${n(UNITS)}`, await time(() => competitionRanks(scores, false)));
        const activated = campaign.metrics.find((m) => m.key === "activated")!;
        const on = paceDay(day, s.horizon);
        line(`  pace × ${n(UNITS)} (one metric)`, await time(() => campaign.units.map((_, i) => pace(activated, 1000 + i, 500, 7, 5000, on))));
        // /tonghop's second read, and /chuabaocao's one query per listed unit.
        const reportedYesterday = unitsReportedOn(rt.db, campaign.id, addDays(day, -1));
        const silent = campaign.units.filter((u) => !s.reportedToday.has(u.code) && !reportedYesterday.has(u.code)).map((u) => u.code);
        line(`  lastReportDays (${n(silent.length)} silent units)`, await time(() => lastReportDays(rt.db, campaign.id, silent, day)));
        const missing = campaign.units.filter((u) => !s.reportedToday.has(u.code)).slice(0, 50);
        line(`  unitReporterMembers × ${missing.length}`, await time(() => missing.map((u) => unitReporterMembers(rt.db, campaign.id, u.code))));
        if (day === END) {
          explain(client, "unit_progress codes", `select unit_code ${figuresWhere}`, campaign.id, day, "activated");
          explain(client, "unit_progress values", `select value ${figuresWhere}`, campaign.id, day, "activated");
          explain(client, "unit_progress total", totalSql, campaign.id, day, "activated");
          explain(client, "unitsReportedOn", "select distinct unit_code from reports where campaign_id = ? and day = ? and status = 'active' and unit_code is not null and unit_code != ''", campaign.id, day);
          explain(client, "lastReportDays", "select unit_code, max(day) from reports where campaign_id = ? and status = 'active' and unit_code in (?, ?) and day <= ? group by unit_code", campaign.id, "U00007", "U00057", day);
          explain(client, "unitReporterMembers", "select m.* from unit_reporters r join members m on m.id = r.member_id where r.campaign_id = ? and r.unit_code = ?", campaign.id, "U00007");
        }
      }
    } finally {
      rt.close();
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  console.log(`progress: bench done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
