/**
 * A reminder blast to many Telegram groups through the real outbox, the real Telegram sender and the fake Bot API
 * on 127.0.0.1, at Telegram's limits (30 messages/s overall, 20/min per group). The fake records when each call
 * arrived; any 1-second window with more than 30 sends, or a group with more than 20 in a minute, counts as a 429
 * Telegram would have answered. Scaled down by default (BENCH_GROUPS=1000 for the full run, about 34 s).
 */
import pino from "pino";
import { createTelegramChannel, type TelegramChannel } from "../../src/channels/telegram/index.ts";
import { parseConfig } from "../../src/config.ts";
import { openDatabase } from "../../src/db/client.ts";
import { createI18n } from "../../src/i18n.ts";
import { createOutbox, TELEGRAM_PACING } from "../../src/scheduling/outbox.ts";
import { FAKE_BOT, FAKE_TOKEN, startFakeBotApi } from "../helpers/fake-bot-api.ts";

const TOKEN = FAKE_TOKEN;

export async function benchOutbox(): Promise<void> {
  const groups = Number(process.env["BENCH_GROUPS"] ?? 300);
  const fake = await startFakeBotApi({ token: TOKEN });
  const logger = pino({ level: "silent" });
  const db = openDatabase(":memory:");
  const config = parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, DATABASE_PATH: ":memory:" });
  let channel: TelegramChannel | undefined;
  const outbox = createOutbox({ db, logger, senders: { telegram: (r) => channel!.sender(r) }, pacing: { telegram: TELEGRAM_PACING } });
  channel = createTelegramChannel({
    config,
    core: {} as never, // sending only
    outbox,
    db,
    i18n: createI18n("vi"),
    logger,
    botInfo: FAKE_BOT,
    mode: "webhook",
  });
  for (let g = 0; g < groups; g++) outbox.enqueue({ to: { platform: "telegram", chatId: String(-1003000000000 - g) }, text: `⏰ Kính gửi các đồng chí, còn 3/11 đơn vị chưa báo cáo (nhóm ${g}).` });
  const t0 = Date.now();
  outbox.start();
  await fake.waitFor("sendMessage", groups, 10 * 60_000);
  const seconds = (Date.now() - t0) / 1000;
  await outbox.stop();
  const times = fake.callsOf("sendMessage").map((c) => c.at).sort((a, b) => a - b);
  let overGlobal = 0;
  for (let i = 30; i < times.length; i++) if (times[i]! - times[i - 30]! < 1000) overGlobal++;
  const perChat = new Map<string, number>();
  for (const c of fake.callsOf("sendMessage")) perChat.set(String(c.params["chat_id"]), (perChat.get(String(c.params["chat_id"])) ?? 0) + 1);
  const overChat = [...perChat.values()].filter((n) => n > 20).length;
  const minimum = (groups - 1) / 30;
  console.log(
    `outbox: reminder to ${groups} Telegram groups in ${seconds.toFixed(1)} s (limit's minimum ${minimum.toFixed(1)} s, ` +
      `${((seconds / minimum - 1) * 100).toFixed(1)}% over; ${(groups / seconds).toFixed(1)} msg/s); would-be 429s: ${overGlobal + overChat}`,
  );
  db.$client.close();
  await fake.close();
}
