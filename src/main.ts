/** Composition root: config → campaigns → database → i18n → core → outbox → channels → scheduler → server. */
import { CampaignFileError } from "./campaigns/load.ts";
import type { ServedChannel } from "./channels/types.ts";
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
  const outbox = createOutbox({ db, logger });
  const channels: ServedChannel[] = [];
  // Channels register here (Telegram, Zalo); each adds its sender to the outbox.

  const scheduler = createScheduler({ db, campaigns, outbox, i18n, logger });
  const app = await buildApp({
    db,
    campaigns,
    logger,
    channels,
    plugins: channels.flatMap((c) => (c.plugin ? [c.plugin] : [])),
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
  for (const c of channels) await c.start().catch((err: unknown) => logger.error({ err, channel: c.platform }, "channel failed to start"));
  scheduler.start();
  logger.info({ campaigns: campaigns.list().map((c) => c.id), channels: channels.map((c) => c.platform), core: core.features.length }, "chiendich-bot ready");
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
