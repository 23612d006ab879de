/** The parser's public result types (re-exported by `./index.ts`). */
import type { Campaign } from "../campaigns/schema.ts";

/** Options of {@link parseReport}. */
export interface ParseOptions {
  /** The campaign whose metrics and units the message is read against. */
  campaign: Campaign;
  /** When the message was sent; "hôm nay"/"hôm qua" and day-month dates resolve from it in the campaign's time zone. */
  messageDate: Date;
  /** The sender's unit code, used when the text names no unit. Default: none. */
  senderUnit?: string | null;
}

/** `daily`: the day's increment; `cumulative`: a running total or a level (a rate). */
export type ValueKind = "daily" | "cumulative";

/** One figure read for one metric. */
export interface ParsedValue {
  metric: string;
  kind: ValueKind;
  /** Percent as 31.5, money in đồng, counts as integers. */
  value: number;
  /** Offsets into `ParseResult.text` (NFC) of the excerpt the figure came from. */
  span: [number, number];
  /** `text.slice(span[0], span[1])`, for audit and for echoing back. */
  source: string;
}

/** A machine-readable remark; other code turns codes into words. */
export interface ParseWarning {
  code: "percent_over_100" | "unmatched_number" | "ambiguous_number" | "unit_not_found" | (string & {});
  message?: string;
  span?: [number, number];
  metric?: string;
}

/** What {@link parseReport} found in one message. */
export interface ParseResult {
  isReport: boolean;
  /** Unit code. */
  unit: string | null;
  unitSource: "text" | "sender" | null;
  /** YYYY-MM-DD in the campaign's time zone. */
  date: string | null;
  /** True when the text named the day (the caller applies a morning cut-off only when false). */
  dateExplicit: boolean;
  /** Possibly several per metric (e.g. daily and cumulative of the same metric). */
  values: ParsedValue[];
  warnings: ParseWarning[];
  /** The NFC text the spans refer to. */
  text: string;
}
