/** Reads the day a leader asks about: "21/6", "21/6/2023", "2023-06-21", "hôm qua", "hôm nay". */
import { resolveDay } from "../../parsing/index.ts";
import type { Campaign } from "../../campaigns/schema.ts";
import { foldKey } from "../../text/fold.ts";
import { shortDay } from "../../time.ts";
import { say, type Ctx } from "../context.ts";
import type { Reply } from "../types.ts";
import { campaignDay } from "./today.ts";

/** Null when `args` is empty; "invalid" when it names no real day. */
export function readDayArg(args: string, today: string): string | null | "invalid" {
  const q = foldKey(args).replace(/^ngay\s+/, "");
  if (!q) return null;
  if (q === "hom nay") return today;
  if (q === "hom qua") return resolveDay({ offset: -1 }, today);
  const iso = /^(\d{4}) (\d{1,2}) (\d{1,2})$/.exec(q);
  const dmy = /^(\d{1,2}) (\d{1,2})(?: (\d{2,4}))?$/.exec(q);
  const hit = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : dmy
      ? { day: Number(dmy[1]), month: Number(dmy[2]), ...(dmy[3] ? { year: Number(dmy[3]) } : {}) }
      : null;
  return (hit && resolveDay(hit, today)) ?? "invalid";
}

/**
 * The day a summary asks about: the reporting day by default, or the day named in `args`; a reply explaining the
 * problem when the day cannot be read or lies outside the campaign.
 */
export function summaryDay(ctx: Ctx, campaign: Campaign, args: string): { day: string } | { reply: Reply[] } {
  const today = campaignDay(campaign, ctx.now);
  const asked = readDayArg(args, today);
  if (asked === "invalid") return { reply: [say(ctx.t("progress:summary.badDay", { value: args }))] };
  const day = asked ?? today;
  if (day < campaign.start || day > campaign.end)
    return { reply: [say(ctx.t("reporting:outsideDates", { day: shortDay(day, true), start: shortDay(campaign.start, true), end: shortDay(campaign.end, true) }))] };
  return { day };
}
