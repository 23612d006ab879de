/** Builds the real runtime over an in-memory SQLite with the real migrations. */
import pino from "pino";
import { loadCampaignFile } from "../../src/campaigns/load.ts";
import type { Campaign } from "../../src/campaigns/schema.ts";
import { DEMO_CAMPAIGN_FILES, parseConfig } from "../../src/config.ts";
import type { InboundMessage } from "../../src/core/types.ts";
import { createRuntime, type Runtime } from "../../src/runtime.ts";

export const silentLogger = pino({ level: "silent" });

export function demoCampaigns(): Campaign[] {
  return DEMO_CAMPAIGN_FILES.map((f) => loadCampaignFile(f));
}

export function testRuntime(opts: { campaigns?: Campaign[]; env?: Record<string, string>; now?: () => Date } = {}): Runtime {
  // Tests send many messages in a second; the flood limits have their own test.
  const config = parseConfig({ DATABASE_PATH: ":memory:", REPLY_LIMIT_PER_SENDER: "10000", REPLY_LIMIT_PER_CHAT: "10000", ...opts.env });
  return createRuntime({
    config,
    logger: silentLogger,
    campaigns: opts.campaigns ?? demoCampaigns(),
    ...(opts.now ? { now: opts.now } : {}),
  });
}

let seq = 1000;
/** An inbound message with sensible defaults. */
export function inbound(text: string, over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    platform: "console",
    chatId: "private-u1",
    chatType: "private",
    senderId: "u1",
    senderName: "Nguyễn Văn A",
    text,
    messageId: String(++seq),
    date: new Date("2023-06-21T03:00:00Z"),
    ...over,
  };
}
