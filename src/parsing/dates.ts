/**
 * Days named in a report ("ngày 20/6", "20/6/2023", "20-06-2023", "21.6", "hôm nay", "hôm qua") and their
 * resolution to a calendar day in the campaign's time zone.
 */
import type { PhraseMatch } from "./phrases.ts";
import type { Token } from "./tokens.ts";
import type { Vocab } from "./vocabulary.ts";

/** A day found in the text: tokens `[from, to)`. */
export interface DateHit {
  from: number;
  to: number;
  day?: number;
  month?: number;
  year?: number;
  /** Days relative to the message day ("hôm qua" = -1). */
  offset?: number;
  /** Belongs to a document reference ("Chỉ thị … ngày 23/02/2023"), not to the report. */
  doc: boolean;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Last answer per zone, by minute: a burst of messages mostly falls in the same minute, and Intl is slow. */
const lastDay = new Map<string, { minute: number; day: string }>();

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone`. */
export function dayInZone(date: Date, timeZone: string): string {
  const minute = Math.floor(date.getTime() / 60_000);
  const hit = lastDay.get(timeZone);
  if (hit && hit.minute === minute) return hit.day;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  const day = f.format(date);
  lastDay.set(timeZone, { minute, day });
  return day;
}

const DAY_MS = 86_400_000;
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days since 1970-01-01 of a valid y-m-d, or null ("31/6" is not a day). Plain arithmetic: Date parsing is slow. */
function dayNumber(y: number, m: number, d: number): number | null {
  const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (m < 1 || m > 12 || d < 1 || d > dim) return null;
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDayNumber(n: number): string {
  const t = new Date(n * DAY_MS);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function toDayNumber(day: string): number {
  return dayNumber(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))!;
}

/**
 * Resolves a day named in a message sent on `messageDay` (YYYY-MM-DD). A day-month without a year takes the year
 * that puts it nearest the message ("31/12" sent on 2 January is last year). Returns null for impossible days.
 */
export function resolveDay(hit: Pick<DateHit, "day" | "month" | "year" | "offset">, messageDay: string): string | null {
  const n = resolveDayNumber(hit, toDayNumber(messageDay));
  return n === null ? null : fromDayNumber(n);
}

function resolveDayNumber(hit: Pick<DateHit, "day" | "month" | "year" | "offset">, msg: number): number | null {
  if (hit.offset !== undefined) return msg + hit.offset;
  if (hit.day === undefined || hit.month === undefined) return null;
  if (hit.year !== undefined) return dayNumber(hit.year < 100 ? 2000 + hit.year : hit.year, hit.month, hit.day);
  const y = new Date(msg * DAY_MS).getUTCFullYear();
  let best: number | null = null;
  for (const year of [y - 1, y, y + 1]) {
    const d = dayNumber(year, hit.month, hit.day);
    if (d !== null && (best === null || Math.abs(d - msg) < Math.abs(best - msg))) best = d;
  }
  return best;
}

const plain = (t: Token | undefined): t is Token => !!t && t.kind === "n" && !t.text.includes(".") && !t.text.includes(",");
const attached = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;
const isP = (t: Token | undefined, ch: string) => !!t && t.kind === "p" && t.text === ch;
const validDM = (d: number, m: number) => d >= 1 && d <= 31 && m >= 1 && m <= 12;

/** `d<sep>m[<sep>y]` written without spaces, starting at token i. */
function separated(tokens: readonly Token[], i: number, sep: string): { to: number; d: number; m: number; y?: number } | null {
  const [a, s1, b, s2, c] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3], tokens[i + 4]];
  if (!plain(a) || !isP(s1, sep) || !plain(b) || !attached(a, s1) || !attached(s1, b)) return null;
  const d = Number(a.text);
  const m = Number(b.text);
  if (!validDM(d, m) || a.text.length > 2 || b.text.length > 2) return null;
  if (isP(s2, sep) && plain(c) && attached(b, s2) && attached(s2, c) && (c.text.length === 4 || c.text.length === 2))
    return { to: i + 5, d, m, y: Number(c.text) };
  return { to: i + 3, d, m };
}

/**
 * Finds days in the token stream. `cueAt(i)` says whether token i follows a word that announces a day ("ngày",
 * "tính đến", a unit name), which is what separates "ngày 20/6" from the fraction "20/6".
 */
export function findDates(tokens: readonly Token[], matchAt: ReadonlyArray<PhraseMatch<Vocab> | undefined>): DateHit[] {
  const out: DateHit[] = [];
  const cueAt = (i: number): boolean => {
    const prev = matchAt[i - 1];
    if (prev && prev.to === i) return !!(prev.payload.dateCue || prev.payload.dayOffset !== undefined || prev.payload.reportCue || prev.payload.unit);
    const t = tokens[i - 1];
    return !t || (t.kind === "p" && (t.text === "\n" || t.text === "("));
  };
  const docAt = (i: number): boolean => {
    for (let k = i - 1, n = 0; k >= 0 && n < 9; k--, n++) {
      const t = tokens[k]!;
      if (t.kind === "p" && (t.text === "\n" || t.text === ";" || t.text === ".")) return false;
      if (matchAt[k]?.payload.docRef) return true;
    }
    return false;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const m = matchAt[i];
    if (m && m.from === i && m.payload.dayOffset !== undefined && !m.payload.metric) {
      out.push({ from: i, to: m.to, offset: m.payload.dayOffset, doc: false });
      i = m.to - 1;
      continue;
    }
    if (t.kind !== "n" || m) continue;
    let hit: Omit<DateHit, "doc"> | null = null;
    const sep = tokens[i + 1];
    const slash = sep && sep.kind === "p" && sep.start === t.end ? (sep.text === "/" || sep.text === "-" ? separated(tokens, i, sep.text) : null) : null;
    if (slash && (slash.y !== undefined || cueAt(i) || isP(tokens[slash.to], ":")))
      hit = { from: i, to: slash.to, day: slash.d, month: slash.m, ...(slash.y !== undefined ? { year: slash.y } : {}) };
    else if (t.text.length <= 10 && t.text.includes(".") && /^\d{1,2}\.\d{1,2}(\.(\d{4}|\d{2}))?$/.test(t.text)) {
      const [d, mo, y] = t.text.split(".").map(Number) as [number, number, number | undefined];
      if (validDM(d, mo) && (y !== undefined || cueAt(i))) hit = { from: i, to: i + 1, day: d, month: mo, ...(y !== undefined ? { year: y } : {}) };
    } else if (plain(t) && isP(tokens[i + 1], "/") && /^(19|20)\d\d$/.test(tokens[i + 2]?.text ?? "") && Number(t.text) <= 12) {
      // "tháng 6/2023": a month, not a day and not a fraction.
      out.push({ from: i, to: i + 3, doc: true });
      i += 2;
      continue;
    } else if (plain(t) && cueAt(i) && tokens[i + 1]?.text === "thang" && plain(tokens[i + 2])) {
      // "ngày 20 tháng 6 năm 2023"
      const d = Number(t.text);
      const mo = Number(tokens[i + 2]!.text);
      if (validDM(d, mo)) {
        const y = tokens[i + 3]?.text === "nam" && plain(tokens[i + 4]) ? Number(tokens[i + 4]!.text) : undefined;
        hit = { from: i, to: y !== undefined ? i + 5 : i + 3, day: d, month: mo, ...(y !== undefined ? { year: y } : {}) };
      }
    }
    if (hit) {
      out.push({ ...hit, doc: docAt(i) });
      i = hit.to - 1;
    }
  }
  return out;
}

/** The report's day: the first day named outside document references and not in the future, else the message's. */
export function pickReportDay(hits: readonly DateHit[], messageDay: string): { date: string; explicit: boolean } {
  const msg = toDayNumber(messageDay);
  for (const h of hits) {
    if (h.doc) continue;
    const d = resolveDayNumber(h, msg);
    if (d === null) continue;
    if (d - msg <= 1 && d - msg >= -400) return { date: d === msg ? messageDay : fromDayNumber(d), explicit: true };
  }
  return { date: messageDay, explicit: false };
}
