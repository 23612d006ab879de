/**
 * `npm run export -- --campaign <id> --out <file.xlsx> [--from <day>] [--to <day>] [--lang vi|en]`
 * Writes the leadership export (what /xuat sends) from the server's database. Days as 2023-06-20 or 20/6/2023;
 * by default the whole campaign up to today. Exit code 2 on a bad argument.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CampaignFileError } from "../campaigns/load.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { exportRange } from "../core/features/export.ts";
import { DatabaseError } from "../db/client.ts";
import { createLogger } from "../logger.ts";
import { exportWorkbook } from "../render/xlsx.ts";
import { createRuntime } from "../runtime.ts";

const USAGE = "usage: npm run export -- --campaign <id> --out <file.xlsx> [--from <day>] [--to <day>] [--lang vi|en]";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { campaign: { type: "string" }, out: { type: "string" }, from: { type: "string" }, to: { type: "string" }, lang: { type: "string" } } }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (!values.campaign) fail(`--campaign is required\n${USAGE}`);
  if (!values.out) fail(`--out is required\n${USAGE}`);
  if (!values.out.toLowerCase().endsWith(".xlsx")) fail(`--out must name an .xlsx file, got "${values.out}"`);
  if (values.lang !== undefined && values.lang !== "vi" && values.lang !== "en") fail(`--lang must be vi or en, got "${values.lang}"`);

  const runtime = createRuntime({ config: loadConfig(), logger: createLogger(process.env["EXPORT_LOG_LEVEL"] ?? "warn", process.stderr as never) });
  try {
    const campaign = runtime.campaigns.get(values.campaign);
    if (!campaign) fail(`unknown campaign "${values.campaign}" (known: ${runtime.campaigns.list().map((c) => c.id).join(", ")})`);
    const range = exportRange(campaign, [values.from, values.to], new Date());
    if ("error" in range) {
      if (range.error === "notStarted") fail(`campaign "${campaign.id}" starts on ${campaign.start}: nothing to export yet`);
      if (range.error === "badRange") fail(`--from (${range.from}) is after --to (${range.to})`);
      fail(`cannot read the day "${range.value}" (try 2023-06-20 or 20/6/2023)`);
    }
    const t0 = performance.now();
    const t = runtime.i18n.t(values.lang ?? runtime.i18n.defaultLocale);
    const { data, figures, missing } = await exportWorkbook(runtime.db, campaign, { ...range, t });
    writeFileSync(values.out, data);
    process.stdout.write(
      `${values.out}: ${campaign.id} ${range.from} → ${range.to}, ${figures} figures, ${missing} missing reports, ${Math.ceil(data.length / 1024)} KB in ${Math.round(performance.now() - t0)} ms\n`,
    );
  } finally {
    runtime.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CampaignFileError || err instanceof DatabaseError) fail(err.message);
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
