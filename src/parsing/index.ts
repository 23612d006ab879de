/**
 * The Vietnamese report parser: from one chat message to the unit, the day and the figures of each campaign
 * metric, with the excerpt each figure came from. Pure: no I/O, no clock (the message date is passed in).
 */
import { assignFigures } from "./assign.ts";
import { compileCampaign } from "./compile.ts";
import { dayInZone, findDates, pickReportDay, type DateHit } from "./dates.ts";
import { buildEvents } from "./events.ts";
import { scanFigures, type Figure } from "./figures.ts";
import { detectStyle, readDigits } from "./numbers.ts";
import { prepareText, toTextSpan } from "./normalize.ts";
import type { PhraseMatch } from "./phrases.ts";
import type { ParsedValue, ParseOptions, ParseResult, ParseWarning } from "./types.ts";
import { pickUnit } from "./units.ts";
import { builtinVocabulary, type Vocab } from "./vocabulary.ts";

export type { ParseOptions, ParseResult, ParsedValue, ParseWarning, ValueKind } from "./types.ts";
export { compileCampaign, type CompiledCampaign } from "./compile.ts";
export { dayInZone, resolveDay } from "./dates.ts";
export { readDigits, detectStyle, type NumberContext, type NumberReading, type NumberStyle } from "./numbers.ts";
export { readVietnameseNumber } from "./read-number.ts";
export { formatParseResultForCli, type CliParseLine } from "./format.ts";

const MAX_UNMATCHED_WARNINGS = 20;
/**
 * Only this many characters are read. Chat platforms cap a message far below it (Telegram: 4,096), so a longer
 * text is a pasted document, not a report; reading all of it would only let one paste stall the bot.
 */
export const MAX_READ_CHARS = 20_000;

/** Words that make the number before them a duration ("90 ngày đêm"), from the built-in vocabulary. */
const DURATION_WORDS: ReadonlySet<string> = new Set(
  builtinVocabulary().filter(([p, v]) => v.duration && !p.includes(" ")).map(([p]) => p),
);

/**
 * Reads one message. Never throws on any string; throws a TypeError only when `messageDate` is not a valid date.
 * A message is a report when at least one metric figure was read outside questions, targets, requests, reminders,
 * meeting notices and thanks, and it does not open with a request or notice.
 */
export function parseReport(text: string, options: ParseOptions): ParseResult {
  if (!(options.messageDate instanceof Date) || Number.isNaN(options.messageDate.getTime()))
    throw new TypeError("parseReport: messageDate must be a valid Date");
  const c = compileCampaign(options.campaign);
  const p = prepareText(typeof text === "string" ? text : "", MAX_READ_CHARS);
  const warnings: ParseWarning[] = p.truncated ? [{ code: "text_truncated", span: [p.map[p.folded.length]!, p.text.length] }] : [];
  const { tokens } = p;
  const matches = c.matcher.scan(tokens);
  const matchAt: Array<PhraseMatch<Vocab> | undefined> = new Array(tokens.length);
  for (const m of matches) for (let i = m.from; i < m.to; i++) matchAt[i] = m;

  const dates = findDates(tokens, matchAt);
  const taken = new Uint8Array(tokens.length);
  const dateAt: Array<DateHit | undefined> = new Array(tokens.length);
  for (const d of dates) {
    taken.fill(1, d.from, d.to);
    dateAt[d.from] = d;
  }
  const figs = scanFigures({ f: p.folded, tokens, matchAt, taken, durationWords: DURATION_WORDS });
  const figAt: Array<Figure | undefined> = new Array(tokens.length);
  for (const f of figs) figAt[f.first] = f;
  const assigned = assignFigures(c, buildEvents(tokens, matchAt, figAt, dateAt, taken), tokens);

  const style = detectStyle(figs.map((f) => f.raw), figs.map((f) => f.type === "percent"));
  const values: ParsedValue[] = [];
  for (const a of assigned.assigned) {
    const span = toTextSpan(p, a.start, a.end);
    const hint = a.metric.type === "percent" ? "percent" : a.metric.type === "money" ? "money" : "count";
    const reading = readDigits(a.fig.raw, { style, hint, magnitude: a.fig.magnitude });
    if (!reading) {
      warnings.push({ code: "ambiguous_number", span, metric: a.metric.key });
      continue;
    }
    if (reading.ambiguous || (hint === "count" && !Number.isInteger(reading.value)))
      warnings.push({ code: "ambiguous_number", span, metric: a.metric.key });
    if (hint === "percent" && reading.value > 100) warnings.push({ code: "percent_over_100", span, metric: a.metric.key });
    values.push({ metric: a.metric.key, kind: a.kind, value: reading.value, span, source: p.text.slice(span[0], span[1]) });
  }
  // Capped: a pasted spreadsheet must not turn into thousands of warnings.
  for (const f of assigned.unmatched.slice(0, MAX_UNMATCHED_WARNINGS)) warnings.push({ code: "unmatched_number", span: toTextSpan(p, f.start, f.end) });

  const isReport = values.length > 0 && !assigned.openingNotice;
  if (!isReport) return { isReport, unit: null, unitSource: null, date: null, dateExplicit: false, values: [], warnings, text: p.text };
  const unit = pickUnit(c, p, matches, options.senderUnit);
  if (!unit.unit) warnings.push({ code: "unit_not_found" });
  const day = pickReportDay(dates, dayInZone(options.messageDate, c.campaign.timezone));
  return { isReport, unit: unit.unit, unitSource: unit.source, date: day.date, dateExplicit: day.explicit, values, warnings, text: p.text };
}
