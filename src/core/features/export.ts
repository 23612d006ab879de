/**
 * /xuat [from] [to] for leaders and admins: the campaign's figures as an Excel file (daily figures, progress,
 * missing reports), by default from the campaign's start up to today. Days as "1/7", "1/7/2023", "2023-07-01",
 * "hôm qua"; "/xuat 20/6 15/7", "/xuat 20/6 - 15/7" and "/xuat 20/6 đến 15/7" all name a range.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import { formatNumber } from "../../render/format.ts";
import { exportWorkbook } from "../../render/xlsx.ts";
import { foldKey } from "../../text/fold.ts";
import { localDay, shortDay } from "../../time.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { readDayArg } from "../progress/day-arg.ts";
import { campaignDay } from "../progress/today.ts";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type ExportRange = { from: string; to: string } | { error: "badDay"; value: string } | { error: "badRange"; from: string; to: string } | { error: "notStarted" };

const SEPARATORS = new Set(["-", "–", "den", "toi", "to"]);

/** Splits "20/6 đến 15/7" or "hôm qua" into day words. */
function dayWords(args: string): string[] {
  const words = args.trim().split(/\s+/).filter((w) => w && !SEPARATORS.has(foldKey(w) || w));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ""}`;
    if (["hom qua", "hom nay"].includes(foldKey(two))) {
      out.push(two);
      i++;
    } else out.push(words[i]!);
  }
  return out;
}

/**
 * The days an export covers: `from` (default the campaign's start) to `to` (default today), kept within the
 * campaign's dates and never past today, since days to come have no reports and would all count as missing.
 */
export function exportRange(campaign: Campaign, args: string | [string | undefined, string | undefined], now: Date): ExportRange {
  if (localDay(now, campaign.timezone) < campaign.start) return { error: "notStarted" };
  const today = campaignDay(campaign, now);
  const [a, b, extra] = typeof args === "string" ? dayWords(args) : args;
  if (extra !== undefined) return { error: "badDay", value: extra };
  const read = (v: string | undefined, fallback: string): string | { error: "badDay"; value: string } => {
    const day = v ? readDayArg(v, today) : null;
    return day === "invalid" ? { error: "badDay", value: v! } : (day ?? fallback);
  };
  const from = read(a, campaign.start);
  if (typeof from !== "string") return from;
  const to = read(b, today);
  if (typeof to !== "string") return to;
  if (from > to) return { error: "badRange", from, to };
  return { from: from < campaign.start ? campaign.start : from, to: to > today ? today : to };
}

export const exportFeature: Feature = {
  name: "export",
  commands: ["xuat", "export", "xuatexcel"],
  phrases: [/^xuat (file |bao cao )?excel$/],
  allow: ["leader", "admin"],
  async run(ctx, args) {
    const campaign = ctx.campaign;
    if (!campaign) return [say(ctx.t("common:noCampaign"))];
    const range = exportRange(campaign, args, ctx.now);
    if ("error" in range) {
      if (range.error === "notStarted") return [say(ctx.t("export:feature.notStarted", { start: shortDay(campaign.start, true) }))];
      if (range.error === "badRange") return [say(ctx.t("export:feature.badRange", { from: shortDay(range.from, true), to: shortDay(range.to, true) }))];
      return [say(ctx.t("export:feature.badDay", { value: range.value }))];
    }
    const { data, figures, missing } = await exportWorkbook(ctx.deps.db, campaign, { ...range, t: ctx.t, now: ctx.now });
    const caption = ctx.t("export:feature.caption", { name: campaign.name, from: shortDay(range.from, true), to: shortDay(range.to, true), figures: formatNumber(figures, ctx.locale), missing: formatNumber(missing, ctx.locale) });
    return [say(caption, { attachment: { kind: "file", filename: `${campaign.id}-${range.from}-${range.to}.xlsx`, mimeType: XLSX_MIME, data } })];
  },
};
