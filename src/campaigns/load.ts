/** Reads campaign files (YAML), validates them and reports every problem with its file and field. */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { campaignSchema, type Campaign } from "./schema.ts";

/** One problem in a campaign file: `file: units[3].targets.activated: expected a number`. */
export interface CampaignIssue {
  file: string;
  path: string;
  message: string;
}

/** Thrown when a campaign file cannot be used; `issues` names every bad field. */
export class CampaignFileError extends Error {
  readonly code = "CAMPAIGN_FILE_INVALID";
  constructor(readonly issues: CampaignIssue[], options?: { cause?: unknown }) {
    super(issues.map(formatIssue).join("\n"), options);
    this.name = "CampaignFileError";
  }
}

export function formatIssue(i: CampaignIssue): string {
  return i.path ? `${i.file}: ${i.path}: ${i.message}` : `${i.file}: ${i.message}`;
}

/** `["units", 3, "targets", "activated"]` → `units[3].targets.activated`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}

function zodIssues(file: string, error: z.ZodError): CampaignIssue[] {
  return error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
}

/** Validates an already-parsed campaign object. */
export function parseCampaign(data: unknown, file = "<campaign>"): Campaign {
  const result = campaignSchema.safeParse(data);
  if (!result.success) throw new CampaignFileError(zodIssues(file, result.error));
  return result.data;
}

/** Parses and validates campaign YAML text. */
export function parseCampaignYaml(text: string, file = "<campaign>"): Campaign {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new CampaignFileError(
      doc.errors.map((e) => ({ file, path: "", message: `YAML: ${e.message.split("\n")[0]}` })),
    );
  }
  return parseCampaign(doc.toJS({ maxAliasCount: 100 }), file);
}

/** Reads and validates one campaign file. */
export function loadCampaignFile(file: string): Campaign {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new CampaignFileError([{ file, path: "", message: `cannot read the file (${(cause as Error).message})` }], {
      cause,
    });
  }
  return parseCampaignYaml(text, file);
}

/**
 * Reads every file; collects the issues of all of them before failing, so one run shows every mistake.
 * Also rejects two files with the same campaign id.
 */
export function loadCampaignFiles(files: readonly string[]): Campaign[] {
  const campaigns: Campaign[] = [];
  const issues: CampaignIssue[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const c = loadCampaignFile(file);
      const other = seen.get(c.id);
      if (other) issues.push({ file, path: "id", message: `campaign id "${c.id}" is also used by ${other}` });
      seen.set(c.id, file);
      campaigns.push(c);
    } catch (e) {
      if (e instanceof CampaignFileError) issues.push(...e.issues);
      else throw e;
    }
  }
  if (issues.length > 0) throw new CampaignFileError(issues);
  return campaigns;
}
