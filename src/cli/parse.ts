/**
 * `npm run --silent parse -- --campaign FILE`: reads JSON Lines on stdin (`{"text", "date", "unit"}`) and writes
 * exactly one JSON line per input line, in order: the parse result, or `{"error": "..."}` for a bad line.
 * Blank lines are skipped (no output), so a trailing newline never produces a stray line. Nothing else goes to
 * stdout; a bad campaign file is reported on stderr with exit code 2.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CampaignFileError, loadCampaignFile } from "../campaigns/load.ts";
import type { Campaign } from "../campaigns/schema.ts";
import { formatParseResultForCli, parseReport } from "../parsing/index.ts";

/** "2023-06-21" is taken as noon UTC, which falls on that same day in every Vietnamese time zone. */
function messageDate(value: unknown): Date {
  if (typeof value !== "string") throw new Error('"date" must be a string such as "2023-06-21"');
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`"date" is not a date: ${value}`);
  return d;
}

/** Parses one input line; throws with a short message when the line is not a valid request. */
function handleLine(line: string, campaign: Campaign): string {
  const input: unknown = JSON.parse(line);
  if (!input || typeof input !== "object" || Array.isArray(input)) throw new Error("expected a JSON object");
  const { text, date, unit } = input as Record<string, unknown>;
  if (typeof text !== "string") throw new Error('"text" must be a string');
  if (unit !== undefined && unit !== null && typeof unit !== "string") throw new Error('"unit" must be a string or null');
  const result = parseReport(text, { campaign, messageDate: messageDate(date), senderUnit: unit ?? null });
  return JSON.stringify(formatParseResultForCli(result));
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { campaign: { type: "string" } }, strict: true });
  if (!values.campaign) {
    process.stderr.write("usage: npm run --silent parse -- --campaign FILE < messages.jsonl\n");
    return 2;
  }
  let campaign: Campaign;
  try {
    campaign = loadCampaignFile(values.campaign);
  } catch (e) {
    process.stderr.write(`${e instanceof CampaignFileError ? e.message : String(e)}\n`);
    return 2;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim() === "") continue;
    let out: string;
    try {
      out = handleLine(line, campaign);
    } catch (e) {
      out = JSON.stringify({ error: e instanceof Error ? e.message : String(e) });
    }
    process.stdout.write(`${out}\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
