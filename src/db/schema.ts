/**
 * The SQLite schema (drizzle). Migrations are generated from this file into `migrations/` by
 * `npm run db:generate` and applied at start-up.
 *
 * Days are ISO dates (YYYY-MM-DD) in the campaign's time zone; instants are epoch milliseconds.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const campaigns = sqliteTable("campaigns", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  timezone: text("timezone").notNull(),
  start: text("start").notNull(),
  end: text("end").notNull(),
  /** The validated campaign file as JSON, so features read options without a column per option. */
  definition: text("definition", { mode: "json" }).notNull(),
  sourceFile: text("source_file"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  paused: integer("paused", { mode: "boolean" }).notNull().default(false),
  updatedAt: integer("updated_at").notNull(),
});

export const phases = sqliteTable(
  "phases",
  {
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    key: text("key").notNull(),
    label: text("label").notNull(),
    start: text("start").notNull(),
    end: text("end").notNull(),
    position: integer("position").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.key] })],
);

export const metrics = sqliteTable(
  "metrics",
  {
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    key: text("key").notNull(),
    label: text("label").notNull(),
    type: text("type", { enum: ["count", "percent", "money"] }).notNull(),
    mode: text("mode", { enum: ["daily", "cumulative"] }).notNull(),
    better: text("better", { enum: ["higher", "lower"] }).notNull().default("higher"),
    position: integer("position").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.key] })],
);

export const units = sqliteTable(
  "units",
  {
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    level: text("level").notNull(),
    parent: text("parent"),
    eligible: integer("eligible"),
    position: integer("position").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.code] })],
);

/** Targets at three scopes: campaign (phase '' and unit ''), phase (unit ''), unit (phase '' or a phase). */
export const targets = sqliteTable(
  "targets",
  {
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    metricKey: text("metric_key").notNull(),
    phaseKey: text("phase_key").notNull().default(""),
    unitCode: text("unit_code").notNull().default(""),
    amount: real("amount"),
    percentOfEligible: real("percent_of_eligible"),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.metricKey, t.phaseKey, t.unitCode] })],
);

export const members = sqliteTable(
  "members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    platformUserId: text("platform_user_id").notNull(),
    displayName: text("display_name").notNull().default(""),
    /** admin and leader are granted; everyone else is a member (a reporter when bound to units). */
    role: text("role", { enum: ["admin", "leader", "member"] }).notNull().default("member"),
    locale: text("locale"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("members_platform_user").on(t.platform, t.platformUserId)],
);

export const unitReporters = sqliteTable(
  "unit_reporters",
  {
    memberId: integer("member_id").notNull().references(() => members.id),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    unitCode: text("unit_code").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.campaignId, t.unitCode] }), index("unit_reporters_unit").on(t.campaignId, t.unitCode)],
);

export const chats = sqliteTable(
  "chats",
  {
    platform: text("platform").notNull(),
    chatId: text("chat_id").notNull(),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    purpose: text("purpose", { enum: ["reports", "leadership"] }).notNull().default("reports"),
    title: text("title"),
    boundBy: integer("bound_by").references(() => members.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] })],
);

export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: text("campaign_id").notNull().references(() => campaigns.id),
    /** Null while pending: a report-like message from someone who is not (yet) a reporter. */
    unitCode: text("unit_code"),
    day: text("day").notNull(),
    platform: text("platform").notNull(),
    chatId: text("chat_id").notNull(),
    messageId: text("message_id").notNull(),
    senderId: text("sender_id").notNull(),
    senderName: text("sender_name").notNull().default(""),
    memberId: integer("member_id").references(() => members.id),
    rawText: text("raw_text").notNull(),
    /** The platform event that last wrote the report (`eventKey`): its re-delivery after a crash is told apart from a new one. */
    eventKey: text("event_key"),
    /** When the message was sent (platform time): among reports for the same unit, day and metric the latest wins. */
    sentAt: integer("sent_at").notNull(),
    /**
     * active: counts. pending: from someone not (yet) a reporter, counts once an admin assigns it (/gan).
     * retracted: recalled, deleted or withdrawn (/huy). refused: for a unit that is not the sender's.
     */
    status: text("status", { enum: ["active", "pending", "retracted", "refused"] }).notNull(),
    late: integer("late", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("reports_source").on(t.platform, t.chatId, t.messageId),
    index("reports_campaign_day").on(t.campaignId, t.day, t.status, t.unitCode),
    index("reports_campaign_unit_day").on(t.campaignId, t.unitCode, t.day),
  ],
);

/**
 * One figure of a report. Denormalised (campaign, unit, day) so progress queries never join reports.
 * `active` is false once a later report for the same unit, day, metric and kind replaced it, or its report was
 * edited, retracted or withdrawn: the history stays.
 */
export const reportValues = sqliteTable(
  "report_values",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id").notNull().references(() => reports.id),
    campaignId: text("campaign_id").notNull(),
    unitCode: text("unit_code").notNull(),
    day: text("day").notNull(),
    metricKey: text("metric_key").notNull(),
    kind: text("kind", { enum: ["daily", "cumulative"] }).notNull(),
    value: real("value").notNull(),
    source: text("source").notNull().default(""),
    /** False once an edit of the same message replaced this figure (kept as history). */
    current: integer("current", { mode: "boolean" }).notNull().default(true),
    /** True for the one figure that counts for (unit, day, metric, kind): see `recomputeActive`. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    // Covering (kind, value, report_id; the id is the rowid): a unit's figures for a metric, as progress rewrites
    // and the sanity checks read them on every report, come from the index alone.
    index("report_values_progress").on(t.campaignId, t.metricKey, t.unitCode, t.day, t.kind, t.value, t.reportId).where(sql`active = 1`),
    index("report_values_report").on(t.reportId),
    index("report_values_key").on(t.campaignId, t.unitCode, t.day, t.metricKey, t.kind),
  ],
);

/**
 * Each unit's cumulative figure per metric and day (see `cumulativeOn`), carried forward to the campaign's
 * frontier (`core/reporting/progress-store.ts`).
 * Derived from the active report values and rewritten from the changed day on whenever they change, so progress,
 * leaderboards and summaries read one row per unit and metric for any day instead of summing history.
 */
export const unitProgress = sqliteTable(
  "unit_progress",
  {
    campaignId: text("campaign_id").notNull(),
    day: text("day").notNull(),
    metricKey: text("metric_key").notNull(),
    unitCode: text("unit_code").notNull(),
    value: real("value").notNull(),
  },
  // WITHOUT ROWID (set in migrations/0001): the rows live in the primary key's own b-tree, so a day's figures are
  // read in key order with their values, and a write touches one b-tree instead of a table and two indexes.
  (t) => [primaryKey({ columns: [t.campaignId, t.day, t.metricKey, t.unitCode] })],
);

export const registrationRequests = sqliteTable("registration_requests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  memberId: integer("member_id").notNull().references(() => members.id),
  campaignId: text("campaign_id").notNull().references(() => campaigns.id),
  unitCode: text("unit_code").notNull(),
  platform: text("platform").notNull(),
  chatId: text("chat_id").notNull(),
  status: text("status", { enum: ["pending", "approved", "denied"] }).notNull().default("pending"),
  decidedBy: integer("decided_by").references(() => members.id),
  createdAt: createdAt(),
  decidedAt: integer("decided_at"),
});

export const joinCodes = sqliteTable("join_codes", {
  code: text("code").primaryKey(),
  campaignId: text("campaign_id").notNull().references(() => campaigns.id),
  unitCode: text("unit_code").notNull(),
  createdBy: integer("created_by").references(() => members.id),
  expiresAt: integer("expires_at").notNull(),
  revoked: integer("revoked", { mode: "boolean" }).notNull().default(false),
  uses: integer("uses").notNull().default(0),
  createdAt: createdAt(),
});

/** Platform events already handled (update ids, message ids): the same delivery twice does nothing. */
export const processedEvents = sqliteTable(
  "processed_events",
  {
    platform: text("platform").notNull(),
    eventId: text("event_id").notNull(),
    processedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] })],
);

/** Small per-member or per-chat flags with a day, e.g. "told how to register today". */
export const notices = sqliteTable(
  "notices",
  {
    scope: text("scope").notNull(),
    kind: text("kind").notNull(),
    day: text("day").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.kind, t.day] })],
);

/**
 * Every outgoing message that is not answered inline: a persistent queue, so nothing is lost on restart.
 * `dedupeKey` makes an enqueue idempotent (a scheduled job's message for a chat and day is queued once).
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    platform: text("platform").notNull(),
    chatId: text("chat_id").notNull(),
    /** The `Reply` as JSON (attachments base64). */
    payload: text("payload").notNull(),
    dedupeKey: text("dedupe_key"),
    status: text("status", { enum: ["pending", "sending", "sent", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe").on(t.dedupeKey),
    index("outbox_due").on(t.status, t.nextAttemptAt),
    // Each chat's queue in order (the rowid follows chat_id): the first due message of every chat is a few seeks.
    // Pending messages only, so a send changes one small index instead of moving an entry among all sent ones.
    index("outbox_chat_queue").on(t.platform, t.chatId).where(sql`status = 'pending'`),
  ],
);

/** How often each citizen-assistant topic was answered and how citizens rated it (/thongke_hoidap). */
export const faqStats = sqliteTable("faq_stats", {
  topic: text("topic").primaryKey(),
  asked: integer("asked").notNull().default(0),
  helpful: integer("helpful").notNull().default(0),
  unhelpful: integer("unhelpful").notNull().default(0),
});

/** Scheduled jobs that ran (or were skipped) for a campaign and day: a restart never sends twice. */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    campaignId: text("campaign_id").notNull(),
    job: text("job").notNull(),
    day: text("day").notNull(),
    status: text("status", { enum: ["ran", "skipped"] }).notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.job, t.day] })],
);
