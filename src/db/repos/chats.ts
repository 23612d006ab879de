/** Chats bound to a campaign: a reports group or a leadership group. */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { perDb } from "../prepared.ts";
import { chats } from "../schema.ts";

export type ChatBinding = typeof chats.$inferSelect;
export type ChatPurpose = ChatBinding["purpose"];

const bindingOfChat = perDb((db) =>
  db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, sql.placeholder("platform")), eq(chats.chatId, sql.placeholder("chatId"))))
    .prepare(),
);

export function getChatBinding(db: Db, platform: string, chatId: string): ChatBinding | undefined {
  return bindingOfChat(db).get({ platform, chatId });
}

/** Binds (or re-binds) a chat to a campaign. */
export function bindChat(
  db: Db,
  b: { platform: string; chatId: string; campaignId: string; purpose: ChatPurpose; title?: string | null; boundBy?: number | null },
): ChatBinding {
  const values = { campaignId: b.campaignId, purpose: b.purpose, title: b.title ?? null, boundBy: b.boundBy ?? null };
  return db
    .insert(chats)
    .values({ platform: b.platform, chatId: b.chatId, ...values })
    .onConflictDoUpdate({ target: [chats.platform, chats.chatId], set: values })
    .returning()
    .get();
}

export function unbindChat(db: Db, platform: string, chatId: string): boolean {
  return db.delete(chats).where(and(eq(chats.platform, platform), eq(chats.chatId, chatId))).run().changes > 0;
}

/** Every chat bound to a campaign, optionally of one purpose. */
export function campaignChats(db: Db, campaignId: string, purpose?: ChatPurpose): ChatBinding[] {
  const where = purpose ? and(eq(chats.campaignId, campaignId), eq(chats.purpose, purpose)) : eq(chats.campaignId, campaignId);
  return db.select().from(chats).where(where).all();
}
