/** Everything a feature needs to answer one message, resolved once per message. */
import type { Logger } from "pino";
import type { Campaign } from "../campaigns/schema.ts";
import type { Db } from "../db/client.ts";
import type { ChatBinding } from "../db/repos/chats.ts";
import type { Member } from "../db/repos/members.ts";
import type { I18n, Locale, Translate } from "../i18n.ts";
import type { Assistant } from "../assistant/assistant.ts";
import type { PiiKind } from "../privacy/redact.ts";
import type { CampaignRegistry } from "./campaign-registry.ts";
import type { AdminId, Role } from "./roles.ts";
import type { InboundMessage, Reply } from "./types.ts";

/** The dependencies of the core, wired by `main.ts` (and by tests with an in-memory database). */
export interface CoreDeps {
  db: Db;
  i18n: I18n;
  campaigns: CampaignRegistry;
  admins: readonly AdminId[];
  logger: Logger;
  /** Longest text the bot reads (default 20,000 characters). */
  maxMessageLength?: number;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** The citizen assistant (VNeID questions); off when absent. */
  assistant?: Assistant;
  /** Builds signed links to a campaign's web dashboard (/dashboard); the command is off when absent. */
  dashboard?: { link(campaignId: string, now: Date): { url: string; expiresAt: Date } };
}

export interface Ctx {
  deps: CoreDeps;
  msg: InboundMessage;
  member: Member;
  roles: ReadonlySet<Role>;
  /** Units the sender reports for, across campaigns. */
  units: readonly { campaignId: string; unitCode: string }[];
  binding: ChatBinding | undefined;
  /** The campaign this message is about: the chat's, else the sender's only one, else the only one loaded. */
  campaign: Campaign | undefined;
  locale: Locale;
  t: Translate;
  now: Date;
  /** Personal data found in the message and redacted from `msg.text` before anything else saw it. */
  pii: readonly PiiKind[];
}

/** A text reply in the chat the message came from. */
export function say(text: string, extra: Omit<Reply, "text"> = {}): Reply {
  return { text, ...extra };
}

/** Picks the campaign a message is about. */
export function resolveCampaign(
  registry: CampaignRegistry,
  binding: ChatBinding | undefined,
  units: readonly { campaignId: string }[],
): Campaign | undefined {
  if (binding) return registry.get(binding.campaignId);
  const ids = [...new Set(units.map((u) => u.campaignId))];
  if (ids.length === 1) return registry.get(ids[0]!);
  const all = registry.list();
  return all.length === 1 ? all[0] : undefined;
}
