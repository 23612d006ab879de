/**
 * The web pages: the leadership dashboard (signed links) and the local chat page (a channel on platform "web").
 * `main.ts` adds `createWebPlugins(...)` to the app's plugins.
 */
import type { FastifyPluginAsync } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../../config.ts";
import type { Runtime } from "../../runtime.ts";
import type { Outbox } from "../../scheduling/outbox.ts";
import { assetsPlugin } from "./assets.ts";
import { createChatPlugin } from "./chat-plugin.ts";
import { createDashboardPlugin } from "./dashboard-plugin.ts";

export { createChatPlugin } from "./chat-plugin.ts";
export { createDashboardPlugin } from "./dashboard-plugin.ts";
export { createDashboardLinks, type DashboardLinks } from "./signed-link.ts";

/** `CHAT_PAGE` when set; otherwise on exactly when neither Telegram nor Zalo is configured. */
export function chatPageEnabled(config: Pick<Config, "CHAT_PAGE" | "TELEGRAM_BOT_TOKEN" | "ZALO_ENABLED">): boolean {
  return config.CHAT_PAGE ?? (!config.TELEGRAM_BOT_TOKEN && !config.ZALO_ENABLED);
}

export interface WebDeps {
  runtime: Pick<Runtime, "config" | "core" | "db" | "i18n" | "campaigns" | "deps" | "dashboardLinks">;
  logger: Logger;
  /** Where the chat page queues messages for other chats (and receives the "web" ones). */
  outbox?: Outbox;
}

/** The dashboard always; the chat page when enabled (see `chatPageEnabled`). */
export function createWebPlugins({ runtime, logger, outbox }: WebDeps): FastifyPluginAsync[] {
  const { config } = runtime;
  const now = runtime.deps.now;
  const plugins: FastifyPluginAsync[] = [
    assetsPlugin,
    createDashboardPlugin({ db: runtime.db, campaigns: runtime.campaigns, i18n: runtime.i18n, links: runtime.dashboardLinks, ...(now ? { now } : {}) }),
  ];
  if (chatPageEnabled(config)) {
    const loopback = ["127.0.0.1", "localhost", "::1"].includes(config.HOST);
    if (!loopback || config.PUBLIC_URL)
      logger.warn({ host: config.HOST }, "the chat page (/chat) is on and reachable beyond this machine: anyone can act as a reporter or leader there; set CHAT_PAGE=false");
    plugins.push(
      createChatPlugin({
        core: runtime.core,
        db: runtime.db,
        campaigns: runtime.campaigns,
        i18n: runtime.i18n,
        logger,
        ...(outbox ? { outbox } : {}),
        ...(now ? { now } : {}),
        secureCookies: config.PUBLIC_URL?.startsWith("https:") ?? false,
      }),
    );
    logger.info("chat page on at /chat");
  }
  return plugins;
}
