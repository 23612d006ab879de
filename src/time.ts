/**
 * Calendar days in a campaign's time zone. Days are ISO strings (YYYY-MM-DD); the server's own zone is never
 * used. Asia/Ho_Chi_Minh has no DST, but nothing here assumes that.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local day and minutes since local midnight of `date` in `timeZone`. */
export function localTime(date: Date, timeZone: string): { day: string; minutes: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  return { day: `${parts["year"]}-${parts["month"]}-${parts["day"]}`, minutes: Number(parts["hour"]) * 60 + Number(parts["minute"]) };
}

/** The calendar day (YYYY-MM-DD) of `date` in `timeZone`. */
export function localDay(date: Date, timeZone: string): string {
  return localTime(date, timeZone).day;
}

/** "17:30" → 1050. */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(":");
  return Number(h) * 60 + Number(m);
}

export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant at which local `clock` (HH:MM) happens on `day` in `timeZone`. Found by correcting a UTC guess with
 * the zone's offset at that moment, which is exact for zones without a DST jump at that hour.
 */
export function zonedInstant(day: string, clock: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T${clock}:00Z`);
  const seen = localTime(new Date(guess), timeZone);
  const offsetMin = daysBetween(day, seen.day) * 1440 + seen.minutes - clockMinutes(clock);
  return new Date(guess - offsetMin * 60_000);
}

/** "2023-06-21" → "21/6" (or "21/6/2023" with the year). */
export function shortDay(day: string, withYear = false): string {
  const [y, m, d] = day.split("-");
  return `${Number(d)}/${Number(m)}${withYear ? `/${y}` : ""}`;
}
