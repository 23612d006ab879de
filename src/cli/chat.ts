/**
 * `npm run chat -- --as <unit code | leader | admin | citizen> [--campaign id] [--chat group|private] [--at time]`
 * Talk to the bot from a terminal, on the same database as the server. `--at 2023-06-21T15:30` pretends the
 * clock says that (local time of the campaign's zone, +07:00), to try a campaign whose dates have passed.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { CampaignFileError } from "../campaigns/load.ts";
import { createConsoleSession, ConsoleUsageError } from "../channels/console/console-session.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { DatabaseError } from "../db/client.ts";
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
      at: { type: "string" },
    },
  });
  const chat = values.chat;
  if (chat !== undefined && chat !== "group" && chat !== "private") fail("--chat must be group or private");
  let clock: (() => Date) | undefined;
  if (values.at) {
    const start = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(values.at) ? values.at : `${values.at}+07:00`);
    if (Number.isNaN(start.getTime())) fail("--at must be a date and time such as 2023-06-21T15:30");
    const offset = start.getTime() - Date.now();
    clock = () => new Date(Date.now() + offset);
  }
  const config = loadConfig();
  const logger = createLogger(process.env["CHAT_LOG_LEVEL"] ?? "warn", process.stderr as never);
  const runtime = createRuntime({ config, logger, ...(clock ? { now: clock } : {}) });
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
  if (err instanceof ConfigError || err instanceof CampaignFileError || err instanceof ConsoleUsageError || err instanceof DatabaseError) fail(err.message);
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
