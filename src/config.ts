/**
 * Configuration: the only reader of `process.env`. Parsed once at start-up; a bad variable stops the process
 * with one line per problem.
 */
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The demo campaigns shipped with the project, used when `CAMPAIGN_FILES` is not set. */
export const DEMO_CAMPAIGN_FILES = [
  resolve(projectRoot, "src/campaigns/demo/binh-phuoc-dvc-92.yaml"),
  resolve(projectRoot, "src/campaigns/demo/binh-phuoc-vneid-90.yaml"),
];

const csv = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

const platform = z.enum(["telegram", "zalo", "console", "web"]);

/** `telegram:123,zalo:456` → [{ platform: "telegram", userId: "123" }, …] */
const admins = z
  .string()
  .default("")
  .transform((s, ctx) =>
    csv(s).flatMap((entry) => {
      const m = /^([a-z]+):(.+)$/.exec(entry);
      const p = platform.safeParse(m?.[1]);
      if (!m || !p.success) {
        ctx.addIssue({ code: "custom", message: `"${entry}" is not platform:userId (telegram, zalo, console, web)` });
        return [];
      }
      return [{ platform: p.data, userId: m[2]! }];
    }),
  );

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_PATH: z.string().min(1).default("./data/chiendich.db"),
  CAMPAIGN_FILES: z
    .string()
    .optional()
    .transform((s) => (s && csv(s).length > 0 ? csv(s).map((f) => resolve(f)) : DEMO_CAMPAIGN_FILES)),
  DEFAULT_LOCALE: z.enum(["vi", "en"]).default("vi"),
  ADMINS: admins,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Longest message text the bot reads; longer ones are answered politely and not parsed. */
  MAX_MESSAGE_LENGTH: z.coerce.number().int().min(100).max(1_000_000).default(20_000),
  /** Flood limits: answers per minute to one sender, and in one chat. */
  REPLY_LIMIT_PER_SENDER: z.coerce.number().int().min(1).max(10_000).default(8),
  REPLY_LIMIT_PER_CHAT: z.coerce.number().int().min(1).max(10_000).default(20),
  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "only A-Z a-z 0-9 _ - allowed").optional(),
  TELEGRAM_WEBHOOK_PATH: z.string().startsWith("/").default("/telegram/webhook"),
  TELEGRAM_API_ROOT: z.url().optional(),
  PUBLIC_URL: z.url().optional(),
  /** Telegram sends per second across all chats (default 30, Telegram's limit for a bot). */
  TELEGRAM_SENDS_PER_SECOND: z.coerce.number().positive().max(1_000).default(30),
  /** Telegram sends per minute to one group (default 20, Telegram's limit). */
  TELEGRAM_SENDS_PER_CHAT_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(20),
  ZALO_ENABLED: bool.default(false),
  ZALO_CREDENTIALS_PATH: z.string().optional(),
  /** Zalo sends per minute across all chats (default 30: one every 2 s); zca-js has no throttling of its own. */
  ZALO_SENDS_PER_MINUTE: z.coerce.number().positive().max(600).default(30),
  /** Zalo sends per minute to one chat (default 6). */
  ZALO_SENDS_PER_CHAT_PER_MINUTE: z.coerce.number().int().positive().max(60).default(6),
  /** Extra random delay after each Zalo send, in ms (default 1500). */
  ZALO_JITTER_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
  /** How long Zalo sends pause after a rate-limit or ban-like error, in seconds (default 600). */
  ZALO_PAUSE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
  CHAT_PAGE: bool.optional(),
  /** Signs dashboard links (HMAC-SHA256); when unset a random one is made at start-up and links die with a restart. */
  DASHBOARD_SECRET: z.string().min(16, "at least 16 characters").optional(),
  /** How long a dashboard link from /dashboard stays valid, in hours (default 12). */
  DASHBOARD_LINK_HOURS: z.coerce.number().positive().max(24 * 31).default(12),
});

export type Config = z.output<typeof configSchema>;

/** Thrown when the environment is invalid; the message has one line per bad variable. */
export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "ConfigError";
  }
}

/** Validates an environment object (tests pass their own; `loadConfig` passes `process.env`). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`),
    );
  }
  return result.data;
}

/** Loads `.env` (when present, without overriding the real environment) and parses `process.env`. */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
