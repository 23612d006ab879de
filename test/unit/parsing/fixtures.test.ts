/** Runs every table-driven case under test/fixtures/parser/ through the parser and compares the CLI line. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadCampaignFile } from "../../../src/campaigns/load.ts";
import { formatParseResultForCli, parseReport } from "../../../src/parsing/index.ts";
import type { Campaign } from "../../../src/campaigns/schema.ts";

const root = join(import.meta.dirname, "../../fixtures");
interface Case {
  text: string;
  date: string;
  unit: string | null;
  note?: string;
  expect: { report: boolean; unit?: string | null; date?: string | null; values?: Record<string, Record<string, number>> };
}
interface FixtureFile {
  campaign: string;
  cases: Case[];
}

const campaigns = new Map<string, Campaign>();
function campaign(file: string): Campaign {
  let c = campaigns.get(file);
  if (!c) campaigns.set(file, (c = loadCampaignFile(join(root, "campaigns", file))));
  return c;
}

const files = readdirSync(join(root, "parser")).filter((f) => /\.(ya?ml|json)$/.test(f));
const all: Array<[string, Case, string]> = [];
for (const f of files) {
  const data = parse(readFileSync(join(root, "parser", f), "utf8")) as FixtureFile;
  for (const c of data.cases) all.push([f, c, data.campaign]);
}

describe("parser fixtures", () => {
  it("has at least 200 cases", () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
  });
  describe.each(files)("%s", (file) => {
    const cases = all.filter(([f]) => f === file);
    it.each(cases.map(([, c, camp], i) => [i, String(c.text).slice(0, 60).replace(/\n/g, "⏎"), c, camp] as const))("#%i %s", (_i, _t, c, camp) => {
      const result = parseReport(String(c.text), { campaign: campaign(camp), messageDate: new Date(`${c.date}T12:00:00Z`), senderUnit: c.unit });
      const want = { report: c.expect.report, unit: c.expect.unit ?? null, date: c.expect.date ?? null, values: c.expect.values ?? {} };
      expect(formatParseResultForCli(result), c.note).toEqual(want);
    });
  });
});
