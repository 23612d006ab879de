/**
 * The console chat: the same core and database as the real channels, driven from a terminal, so anyone can try
 * the bot with no Telegram or Zalo account. The identity is chosen with `--as`.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import type { InboundMessage, Reply } from "../../core/types.ts";
import { bindChat } from "../../db/repos/chats.ts";
import { addReporterUnit, setMemberRole, upsertMember } from "../../db/repos/members.ts";
import { toPlainText } from "../../render/markup.ts";
import type { Runtime } from "../../runtime.ts";
import { localDay } from "../../time.ts";

export type ConsoleIdentity = "admin" | "leader" | "citizen" | { unitCode: string };

export class ConsoleUsageError extends Error {
  readonly code = "CONSOLE_USAGE";
}

export interface ConsoleSession {
  campaign: Campaign;
  chatType: "group" | "private";
  /** Sends one line as the chosen identity; returns the replies rendered as plain text. */
  send(text: string): Promise<string[]>;
}

/** The campaigns running on `now` first, then the most recent: a unit in several campaigns is taken from the one the clock is in. */
function byRelevance(campaigns: readonly Campaign[], now: Date): Campaign[] {
  const running = (c: Campaign) => {
    const day = localDay(now, c.timezone);
    return c.start <= day && day <= c.end;
  };
  return [...campaigns].sort((a, b) => Number(running(b)) - Number(running(a)) || b.start.localeCompare(a.start));
}

/** Reads `--as` into an identity; a unit is looked up by code or name in the campaigns. */
export function parseIdentity(as: string, campaigns: readonly Campaign[], campaignId?: string, now = new Date()): { identity: ConsoleIdentity; campaign: Campaign } {
  const pool = campaignId ? campaigns.filter((c) => c.id === campaignId) : byRelevance(campaigns, now);
  if (campaignId && pool.length === 0) throw new ConsoleUsageError(`unknown campaign "${campaignId}" (known: ${campaigns.map((c) => c.id).join(", ")})`);
  const lowered = as.trim().toLowerCase();
  if (lowered === "admin" || lowered === "leader" || lowered === "citizen") return { identity: lowered, campaign: pool[0]! };
  for (const c of pool) {
    const unit = c.units.find((u) => u.code.toLowerCase() === lowered || u.name.toLowerCase() === lowered);
    if (unit) return { identity: { unitCode: unit.code }, campaign: c };
  }
  throw new ConsoleUsageError(`--as must be admin, leader, citizen or a unit code (e.g. ${pool[0]?.units.slice(0, 3).map((u) => u.code).join(", ")})`);
}

/** Renders a reply for a terminal. */
export function renderConsoleReply(r: Reply): string {
  const parts: string[] = [];
  if (r.to) parts.push(`[→ ${r.to.platform}:${r.to.chatId}]`);
  if (r.reaction) parts.push(`[${r.reaction}]`);
  if (r.text) parts.push(toPlainText(r.text));
  if (r.buttons) parts.push(r.buttons.map((row) => row.map((b) => `[${b.label}: ${b.data}]`).join(" ")).join("\n"));
  if (r.attachment) parts.push(`[${r.attachment.kind}: ${r.attachment.filename}, ${r.attachment.data.length} bytes]`);
  return parts.join(" ");
}

export function createConsoleSession(
  runtime: Runtime,
  opts: { as: string; campaignId?: string; chat?: "group" | "private"; name?: string },
): ConsoleSession {
  const { identity, campaign } = parseIdentity(opts.as, runtime.campaigns.list(), opts.campaignId, runtime.deps.now?.());
  const userId = typeof identity === "string" ? `console-${identity}` : `console-${identity.unitCode.toLowerCase()}`;
  const t = runtime.i18n.t(runtime.i18n.defaultLocale);
  const unitName = typeof identity === "object" ? campaign.units.find((u) => u.code === identity.unitCode)?.name : undefined;
  const name = opts.name ?? (typeof identity === "string" ? t(`console:names.${identity}`) : `${unitName} (${identity.unitCode})`);
  const db = runtime.db;
  const member = upsertMember(db, { platform: "console", platformUserId: userId, displayName: name });
  if (identity === "admin" || identity === "leader") setMemberRole(db, member.id, identity);
  if (typeof identity === "object") addReporterUnit(db, member.id, campaign.id, identity.unitCode);

  const chatType = opts.chat ?? (identity === "citizen" ? "private" : "group");
  const chatId = chatType === "group" ? `group-${campaign.id}` : `private-${userId}`;
  if (chatType === "group") bindChat(db, { platform: "console", chatId, campaignId: campaign.id, purpose: "reports", title: campaign.name });

  let seq = Date.now();
  return {
    campaign,
    chatType,
    async send(text) {
      const msg: InboundMessage = {
        platform: "console",
        chatId,
        chatType,
        senderId: userId,
        senderName: name,
        text,
        messageId: `${userId}-${++seq}`,
        date: runtime.deps.now?.() ?? new Date(),
        addressedToBot: chatType === "private" || /@bot\b/i.test(text),
      };
      const replies = await runtime.core.handleMessage(msg);
      return replies.map(renderConsoleReply);
    },
  };
}
