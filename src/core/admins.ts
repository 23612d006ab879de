/**
 * Where to reach the admins: their private chats. On Telegram and Zalo a private chat's id is the user's id;
 * the console and the web chat follow the same rule.
 */
import { membersWithRole } from "../db/repos/members.ts";
import type { CoreDeps } from "./context.ts";
import type { Address, Platform } from "./types.ts";

export function adminAddresses(deps: CoreDeps): Address[] {
  const seen = new Map<string, Address>();
  for (const a of deps.admins) seen.set(`${a.platform}:${a.userId}`, { platform: a.platform as Platform, chatId: a.userId });
  for (const m of membersWithRole(deps.db, "admin"))
    seen.set(`${m.platform}:${m.platformUserId}`, { platform: m.platform as Platform, chatId: m.platformUserId });
  return [...seen.values()];
}
