/**
 * The Telegram channel (grammY). With `PUBLIC_URL` it receives updates on a webhook served by the app's Fastify
 * (`plugin`) and registers it at start-up; without, it long-polls, so a developer can run the bot from a laptop.
 * Either way an update is deduplicated, mapped to core types, handled, and its replies queued in the outbox,
 * which sends them through `sender` at Telegram's pace.
 */
import { Bot, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../../config.ts";
import type { Pacing, Sender } from "../../scheduling/outbox.ts";
import type { ChannelDeps, ServedChannel } from "../types.ts";
import { applyCommandMenus, commandMenus } from "./commands.ts";
import { errorFields } from "./errors.ts";
import { ALLOWED_UPDATES, createUpdateHandlers } from "./handlers.ts";
import { createRecentUpdates } from "./recent-updates.ts";
import { createTelegramSender } from "./sender.ts";
import { createWebhookPlugin, deriveSecret } from "./webhook.ts";

export { toInboundMessage, toInboundAction } from "./mapping.ts";

/** How fast the outbox sends to Telegram (a self-hosted Bot API server or a test may allow more). */
export function telegramPacing(config: Pick<Config, "TELEGRAM_SENDS_PER_SECOND" | "TELEGRAM_SENDS_PER_CHAT_PER_MINUTE">): Pacing {
  return { perSecond: config.TELEGRAM_SENDS_PER_SECOND, perChatPerMinute: config.TELEGRAM_SENDS_PER_CHAT_PER_MINUTE };
}

export interface TelegramChannelOptions extends ChannelDeps {
  /** The bot as `getMe` describes it; given, `start()` does not call `getMe` (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  /** Default: "webhook" when `PUBLIC_URL` is set, else "polling". Tests force "webhook" without a public URL. */
  mode?: "webhook" | "polling";
  /** First delay before retrying a failed start (doubles up to 5 minutes; default 5,000 ms). */
  retryStartMs?: number;
}

export type TelegramChannel = ServedChannel & { sender: Sender; bot: Bot };

type Health = ReturnType<ServedChannel["health"]>;

/** Throws when `TELEGRAM_BOT_TOKEN` is not set: create the channel only when it is (`/healthz` then says "off"). */
export function createTelegramChannel(deps: TelegramChannelOptions): TelegramChannel {
  const { config, i18n, logger } = deps;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error("TELEGRAM_BOT_TOKEN is not set: the Telegram channel is off");
  const mode = deps.mode ?? (config.PUBLIC_URL ? "webhook" : "polling");
  const secret = config.TELEGRAM_WEBHOOK_SECRET ?? deriveSecret(token);
  const bot = new Bot(token, {
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    client: { ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, "") } : {}) },
  });
  const t = i18n.t(i18n.defaultLocale);
  bot.use(createUpdateHandlers({ ...deps, recent: createRecentUpdates(), redelivered: mode === "webhook" }));
  // The one boundary for update handling: logged with the update id, never thrown at the server.
  bot.catch((err) => logger.error({ update: err.ctx.update.update_id, ...errorFields(err.error) }, "telegram: update handling failed"));

  const sender = createTelegramSender({ api: bot.api, t, logger });
  let health: Health = { state: "starting" };
  let stopped = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = deps.retryStartMs ?? 5_000;

  /** The privacy-mode hint for `/healthz`: without it the bot never sees reports. */
  const privacyDetail = (me: UserFromGetMe) => (me.can_read_all_group_messages ? undefined : t("telegram:health.privacy", { bot: `@${me.username}` }));

  async function connect(): Promise<void> {
    await bot.init(); // getMe, unless botInfo was given
    const me = bot.botInfo;
    const detail = privacyDetail(me);
    if (detail) logger.warn({ bot: me.username }, "telegram: privacy mode is on, the bot cannot read reports in groups; see /healthz");
    await applyCommandMenus(bot.api, commandMenus(deps.core.features, i18n, config.ADMINS), logger);
    if (mode === "webhook") {
      if (config.PUBLIC_URL) {
        const url = new URL(config.TELEGRAM_WEBHOOK_PATH, config.PUBLIC_URL).toString();
        await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
        logger.info({ url }, "telegram: webhook registered");
      }
    } else {
      // Never resolves while polling; a fatal error (another instance polling, token revoked) ends it.
      bot
        .start({ allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false, onStart: () => logger.info({ bot: me.username }, "telegram: long polling") })
        .catch((err: unknown) => {
          health = { state: "down", detail: `polling stopped: ${describe(err)}` };
          logger.error(errorFields(err), "telegram: polling stopped");
        });
    }
    health = { state: "up", ...(detail ? { detail } : {}) };
  }

  async function start(): Promise<void> {
    stopped = false;
    health = { state: "starting" };
    try {
      await connect();
    } catch (err) {
      const rejected = err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404);
      health = { state: "down", detail: rejected ? "Telegram rejected TELEGRAM_BOT_TOKEN (check it with BotFather)" : `start-up failed: ${describe(err)}` };
      logger.error({ ...errorFields(err), retryInMs: rejected ? undefined : retryMs }, "telegram: start-up failed");
      if (rejected || stopped) return;
      retryTimer = setTimeout(() => void start(), retryMs);
      retryTimer.unref();
      retryMs = Math.min(retryMs * 2, 5 * 60_000);
    }
  }

  return {
    platform: "telegram",
    bot,
    sender,
    ...(mode === "webhook" ? { plugin: createWebhookPlugin({ bot, path: config.TELEGRAM_WEBHOOK_PATH, secret, logger }) } : {}),
    start,
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      if (bot.isRunning()) await bot.stop();
      health = { state: "down", detail: "stopped" };
    },
    send: (reply) => sender(reply),
    health: () => health,
  };
}

function describe(err: unknown): string {
  if (err instanceof GrammyError) return `${err.method}: ${err.error_code} ${err.description}`;
  return String((err as Error)?.message ?? err);
}
