/** The CLI's JSON line for one parse result: a stable contract other tools read. */
import type { ParseResult, ValueKind } from "./types.ts";

/** `{"report": true, "unit": "BSO", "date": "2023-06-21", "values": {"activated": {"daily": 856, "cumulative": 30115}}}` */
export interface CliParseLine {
  report: boolean;
  unit: string | null;
  date: string | null;
  values: Record<string, Partial<Record<ValueKind, number>>>;
}

/**
 * One metric appears only when a figure for it was found; when a message holds several figures of the same metric
 * and kind (a breakdown), the first one written is the unit's own figure and wins.
 */
export function formatParseResultForCli(r: ParseResult): CliParseLine {
  const values: CliParseLine["values"] = {};
  if (r.isReport)
    for (const v of r.values) {
      const slot = (values[v.metric] ??= {});
      if (slot[v.kind] === undefined) slot[v.kind] = v.value;
    }
  return { report: r.isReport, unit: r.isReport ? r.unit : null, date: r.isReport ? r.date : null, values };
}
