/** Composition root: config → campaigns → database → i18n → core → channels → server. */
import { CampaignFileError } from "./campaigns/load.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { createRuntime } from "./runtime.ts";
import { buildApp } from "./server/app.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  let runtime;
  try {
    runtime = createRuntime({ config, logger });
  } catch (err) {
    if (err instanceof CampaignFileError) {
      process.stderr.write(`Invalid campaign file(s); nothing was written to the database:\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const channels: never[] = [];
  const app = await buildApp({ db: runtime.db, campaigns: runtime.campaigns, logger, channels });
  app.addHook("onClose", async () => {
    for (const c of channels) await (c as { stop(): Promise<void> }).stop();
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
  logger.info({ campaigns: runtime.campaigns.list().map((c) => c.id) }, "chiendich-bot ready");
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
