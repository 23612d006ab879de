/** Composition root: config → campaigns → database → i18n → core → outbox → channels → scheduler → server. */
import { CampaignFileError } from "./campaigns/load.ts";
import { createTelegramChannel, telegramPacing, type TelegramChannel } from "./channels/telegram/index.ts";
import type { ServedChannel } from "./channels/types.ts";
import { createWebPlugins } from "./channels/web/index.ts";
import type { ZaloChannel } from "./channels/zalo/index.ts";
import { adminAddresses } from "./core/admins.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { createLogger } from "./logger.ts";
import { createRuntime, type Runtime } from "./runtime.ts";
import { createOutbox } from "./scheduling/outbox.ts";
import { createScheduler } from "./scheduling/scheduler.ts";
import { buildApp } from "./server/app.ts";

function fail(title: string, err: Error): never {
  process.stderr.write(`${title}\n${err.message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail("Invalid configuration:", err);
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let runtime: Runtime;
  try {
    runtime = createRuntime({ config, logger });
  } catch (err) {
    if (err instanceof CampaignFileError) fail("Invalid campaign file(s); nothing was written to the database:", err);
    throw err;
  }
  const { db, i18n, core, campaigns } = runtime;
  // The outbox and the channels need each other: the outbox calls each channel's sender through a variable.
  let telegram: TelegramChannel | undefined;
  let zalo: ZaloChannel | undefined;
  const outbox = createOutbox({
    db,
    logger,
    onRateLimited: (platform, seconds, err) => {
      if (platform === "zalo") zalo?.rateLimited(seconds, err);
    },
  });
  const channels: ServedChannel[] = [];
  const deps = { config, core, outbox, db, i18n, logger };
  if (config.TELEGRAM_BOT_TOKEN) {
    telegram = createTelegramChannel(deps);
    outbox.addSender("telegram", (reply) => telegram!.sender(reply), telegramPacing(config));
    channels.push(telegram);
  }
  if (config.ZALO_ENABLED) {
    // Loaded only when used: zca-js alone is some 35 MB of memory.
    const { createCredentialStore, createZaloChannel, createZaloLogin, credentialsPath, zaloPacing } = await import("./channels/zalo/index.ts");
    zalo = createZaloChannel({
      ...deps,
      login: createZaloLogin(createCredentialStore(credentialsPath(config))),
      // Tell the admins on the other channels: Zalo itself may be the one that is down.
      alert: (text) => {
        for (const to of adminAddresses(runtime.deps)) if (to.platform !== "zalo") outbox.enqueue({ to, text });
      },
    });
    outbox.addSender("zalo", (reply) => zalo!.sender(reply), zaloPacing(config));
    channels.push(zalo);
  }

  const scheduler = createScheduler({ db, campaigns, outbox, i18n, logger });
  const app = await buildApp({
    db,
    campaigns,
    logger,
    channels,
    plugins: [...channels.flatMap((c) => (c.plugin ? [c.plugin] : [])), ...createWebPlugins({ runtime, logger, outbox })],
  });
  app.addHook("onClose", async () => {
    scheduler.stop();
    for (const c of channels) await c.stop().catch((err: unknown) => logger.error({ err, channel: c.platform }, "channel stop failed"));
    await outbox.stop();
    runtime.close();
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  await app.listen({ port: config.PORT, host: config.HOST });
  outbox.start();
  // Channels start side by side: one that keeps retrying (no network, a bad session) must not hold up another.
  for (const c of channels) void c.start().catch((err: unknown) => logger.error({ err, channel: c.platform }, "channel failed to start"));
  scheduler.start();
  logger.info({ campaigns: campaigns.list().map((c) => c.id), channels: channels.map((c) => c.platform), core: core.features.length }, "chiendich-bot ready");
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
