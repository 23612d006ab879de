/** Reads the day a leader asks about: "21/6", "21/6/2023", "2023-06-21", "hôm qua", "hôm nay". */
import { resolveDay } from "../../parsing/index.ts";
import { foldKey } from "../../text/fold.ts";

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
