/**
 * The campaign file: a public contract that a province's IT staff write by hand in YAML.
 * Field names are part of the contract; new fields must be optional.
 */
import { z } from "zod";

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : v.trim();
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    const d = m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) : null;
    if (!d || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: "custom", message: `expected a date YYYY-MM-DD, got "${s}"` });
      return z.NEVER;
    }
    return s;
  });

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time "HH:MM"');

/** A target is a number, or "N%" of the eligible population. */
export const targetSchema = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\s*\d+(?:[.,]\d+)?\s*%\s*$/, 'expected a number or a percentage such as "80%"')
    .transform((s) => ({ percentOfEligible: Number(s.replace("%", "").replace(",", ".").trim()) })),
]);
export type Target = z.output<typeof targetSchema>;

const targets = z.record(z.string(), targetSchema);

export const metricSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/, "expected lower-case letters, digits and _"),
  label: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  type: z.enum(["count", "percent", "money"]),
  mode: z.enum(["daily", "cumulative"]),
  target: targetSchema.optional(),
  /** "higher" (default) or "lower" is better: overdue rates rank lowest first. */
  better: z.enum(["higher", "lower"]).default("higher"),
});
export type Metric = z.output<typeof metricSchema>;

export const phaseSchema = z.object({
  key: z.string().regex(/^[a-z0-9_-]+$/, "expected lower-case letters, digits, - and _"),
  label: z.string().min(1),
  start: isoDate,
  end: isoDate,
  targets: targets.default({}),
});
export type Phase = z.output<typeof phaseSchema>;

export const unitSchema = z.object({
  code: z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .pipe(z.string().regex(/^[A-Za-z0-9_.-]+$/, "expected letters, digits, _ . -")),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  level: z.string().min(1).default("unit"),
  parent: z.string().nullable().default(null),
  eligible: z.number().int().positive().optional(),
  targets: targets.default({}),
  /** Targets for one phase only, e.g. `{ p1: { activated: 53125 } }`; they win over `targets` in that phase. */
  phaseTargets: z.record(z.string(), targets).default({}),
});
export type Unit = z.output<typeof unitSchema>;

export const scheduleSchema = z.object({
  deadline: clock.default("17:00"),
  reminders: z.array(clock).default([]),
  leaderboard: clock.optional(),
  digest: z.object({ weekday: z.number().int().min(0).max(6), at: clock }).optional(),
  /** Days with no reminders (YYYY-MM-DD). Campaigns run seven days a week by default. */
  daysOff: z.array(isoDate).default([]),
  /** Post a chart image after the daily leaderboard (when charts are available). */
  leaderboardChart: z.boolean().default(false),
});

/** Units silent for `days` days in a row are named in summaries and, with `notify`, to leadership chats. */
export const escalationSchema = z.object({
  days: z.number().int().min(1).max(30).default(2),
  notify: z.boolean().default(false),
});

export const campaignSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "expected lower-case letters, digits and -"),
    name: z.string().min(1),
    timezone: z
      .string()
      .default("Asia/Ho_Chi_Minh")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "expected an IANA time zone such as Asia/Ho_Chi_Minh"),
    start: isoDate,
    end: isoDate,
    /** Reports with no day named, sent before this hour, count for the previous day. */
    cutoff: clock.default("06:00"),
    schedule: scheduleSchema.optional(),
    escalation: escalationSchema.default({ days: 2, notify: false }),
    /** Reply to every report instead of reacting with 👍. */
    alwaysReply: z.boolean().default(false),
    /** Where citizens get help locally (commune police desk, hotline), shown by the citizen assistant. */
    help: z.array(z.string().min(1)).default([]),
    metrics: z.array(metricSchema).min(1),
    phases: z.array(phaseSchema).default([]),
    units: z.array(unitSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (c.start > c.end) issue(["end"], `must not be before start (${c.start})`);
    const metricKeys = new Set<string>();
    c.metrics.forEach((m, i) => {
      if (metricKeys.has(m.key)) issue(["metrics", i, "key"], `duplicate metric key "${m.key}"`);
      metricKeys.add(m.key);
      if (m.type !== "percent" && typeof m.target === "object" && m.target)
        issue(["metrics", i, "target"], "a percentage target only fits a count when units have eligible populations");
    });
    const checkTargets = (t: Record<string, unknown>, path: (string | number)[]) => {
      for (const key of Object.keys(t))
        if (!metricKeys.has(key)) issue([...path, key], `unknown metric "${key}" (known: ${[...metricKeys].join(", ")})`);
    };
    c.phases.forEach((p, i) => {
      if (p.start > p.end) issue(["phases", i, "end"], `must not be before start (${p.start})`);
      if (p.start < c.start || p.end > c.end)
        issue(["phases", i], `must lie within the campaign (${c.start} – ${c.end})`);
      const prev = c.phases[i - 1];
      if (prev && p.start <= prev.end) issue(["phases", i, "start"], `overlaps phase "${prev.key}"`);
      checkTargets(p.targets, ["phases", i, "targets"]);
    });
    const codes = new Set<string>();
    c.units.forEach((u, i) => {
      const folded = u.code.toUpperCase();
      if (codes.has(folded)) issue(["units", i, "code"], `duplicate unit code "${u.code}"`);
      codes.add(folded);
      checkTargets(u.targets, ["units", i, "targets"]);
      for (const [phase, t] of Object.entries(u.phaseTargets)) {
        if (!c.phases.some((p) => p.key === phase)) issue(["units", i, "phaseTargets", phase], `unknown phase "${phase}"`);
        checkTargets(t, ["units", i, "phaseTargets", phase]);
      }
    });
    c.units.forEach((u, i) => {
      if (u.parent !== null && !codes.has(u.parent.toUpperCase()))
        issue(["units", i, "parent"], `unknown unit code "${u.parent}"`);
    });
  });

/** A validated campaign, as the rest of the program sees it. */
export type Campaign = z.output<typeof campaignSchema>;
