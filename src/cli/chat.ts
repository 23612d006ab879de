/**
 * `npm run chat -- --as <unit code | leader | admin | citizen> [--campaign id] [--chat group|private]`
 * Talk to the bot from a terminal, on the same database as the server.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CampaignFileError } from "../campaigns/load.ts";
import { createConsoleSession, ConsoleUsageError } from "../channels/console/console-session.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { createRuntime } from "../runtime.ts";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      as: { type: "string", default: "citizen" },
      campaign: { type: "string" },
      chat: { type: "string" },
      name: { type: "string" },
    },
  });
  const chat = values.chat;
  if (chat !== undefined && chat !== "group" && chat !== "private") fail("--chat must be group or private");
  const config = loadConfig();
  const logger = createLogger(process.env["CHAT_LOG_LEVEL"] ?? "warn", process.stderr as never);
  const runtime = createRuntime({ config, logger });
  const session = createConsoleSession(runtime, {
    as: values.as,
    ...(values.campaign ? { campaignId: values.campaign } : {}),
    ...(chat ? { chat } : {}),
    ...(values.name ? { name: values.name } : {}),
  });
  const interactive = process.stdin.isTTY;
  const t = runtime.i18n.t(runtime.i18n.defaultLocale);
  if (interactive) process.stdout.write(`${t("console:banner", { campaign: session.campaign.name, as: values.as, chat: session.chatType })}\n`);
  const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, prompt: "> " });
  if (interactive) rl.prompt();
  for await (const line of rl) {
    if (line.trim()) {
      for (const reply of await session.send(line)) process.stdout.write(`🤖 ${reply}\n`);
    }
    if (interactive) rl.prompt();
  }
  runtime.close();
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof CampaignFileError || err instanceof ConsoleUsageError) fail(err.message);
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
