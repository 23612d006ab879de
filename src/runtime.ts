/**
 * The pieces every entry point shares (server, console chat, tests): campaigns loaded and validated first, so
 * a broken file stops everything before the database is touched; then the database, synced; then i18n and the
 * core with every feature.
 */
import type { Logger } from "pino";
import { createAssistant } from "./assistant/assistant.ts";
import { loadKnowledgeBase } from "./assistant/knowledge-base.ts";
import { loadCampaignFiles } from "./campaigns/load.ts";
import type { Campaign } from "./campaigns/schema.ts";
import { syncCampaigns } from "./campaigns/sync.ts";
import type { Config } from "./config.ts";
import { dashboardLinksFromConfig, type DashboardLinks } from "./channels/web/signed-link.ts";
import { createCampaignRegistry, type CampaignRegistry } from "./core/campaign-registry.ts";
import type { CoreDeps } from "./core/context.ts";
import { createActions, createFeatures, LISTENERS, onRecall } from "./core/features/index.ts";
import { createCore, type Core } from "./core/handle-message.ts";
import { startCheckpointer } from "./db/checkpointer.ts";
import { openDatabase, type Db } from "./db/client.ts";
import { createI18n, type I18n } from "./i18n.ts";
import { compileCampaign } from "./parsing/index.ts";

export interface Runtime {
  config: Config;
  db: Db;
  i18n: I18n;
  campaigns: CampaignRegistry;
  core: Core;
  deps: CoreDeps;
  /** Signs and checks dashboard links (the web pages and the /dashboard command share it). */
  dashboardLinks: DashboardLinks;
  close(): void;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Campaigns already loaded (tests); otherwise `config.CAMPAIGN_FILES` is read. */
  campaigns?: readonly Campaign[];
  now?: () => Date;
}

export function createRuntime({ config, logger, campaigns, now }: RuntimeOptions): Runtime {
  const list = campaigns ?? loadCampaignFiles(config.CAMPAIGN_FILES);
  const db = openDatabase(config.DATABASE_PATH);
  try {
    const summary = syncCampaigns(db, list);
    logger.info(summary, "campaigns synced");
  } catch (err) {
    db.$client.close();
    throw err;
  }
  const i18n = createI18n(config.DEFAULT_LOCALE);
  // The knowledge base is content in locales/*/kb.json; the citizen assistant answers in Vietnamese.
  const assistant = createAssistant({ topics: loadKnowledgeBase().topics });
  const registry = createCampaignRegistry(list);
  // The parser's matchers are built now, not by the first report of a rush.
  for (const campaign of list) compileCampaign(campaign);
  const dashboard = dashboardLinksFromConfig(config);
  if (dashboard.generated) logger.warn("DASHBOARD_SECRET is not set: a random one is used, so dashboard links stop working after a restart");
  const deps: CoreDeps = {
    db,
    i18n,
    campaigns: registry,
    admins: config.ADMINS,
    logger,
    maxMessageLength: config.MAX_MESSAGE_LENGTH,
    assistant,
    dashboard: dashboard.links,
    ...(now ? { now } : {}),
  };
  const core = createCore(deps, {
    features: createFeatures(),
    listeners: LISTENERS,
    actions: createActions(),
    onRecall,
    replyLimits: { perSender: config.REPLY_LIMIT_PER_SENDER, perChat: config.REPLY_LIMIT_PER_CHAT },
  });
  // Last, so nothing after it can fail and leave the worker running.
  const checkpointer = config.DATABASE_PATH === ":memory:" ? undefined : startCheckpointer(db, config.DATABASE_PATH, logger);
  return {
    config,
    db,
    i18n,
    campaigns: registry,
    core,
    deps,
    dashboardLinks: dashboard.links,
    close: () => {
      checkpointer?.stop();
      if (db.$client.open) db.$client.close();
    },
  };
}
