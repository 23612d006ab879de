/**
 * The command menu (the "/" button) from the features the core knows, described with their help lines, in
 * every language: groups and private chats see what members and leaders may use; group administrators and the
 * configured admins (in their private chat) see the admin commands too.
 */
import type { Api } from "grammy";
import type { BotCommand, BotCommandScope, LanguageCode } from "grammy/types";
import type { Logger } from "pino";
import type { Feature } from "../../core/feature.ts";
import type { AdminId } from "../../core/roles.ts";
import { LOCALES, type I18n } from "../../i18n.ts";
import { errorFields } from "./errors.ts";

export interface CommandMenu {
  scope: BotCommandScope;
  /** Absent for the default language (the bot's `DEFAULT_LOCALE`). */
  language_code?: LanguageCode;
  commands: BotCommand[];
}

type Audience = "everyone" | "admin";

function commandsFor(features: readonly Feature[], where: "group" | "private", audience: Audience, i18n: I18n, locale: string): BotCommand[] {
  const t = i18n.t(locale);
  return features
    .filter((f) => !f.hidden && (!f.where || f.where === where))
    .filter((f) => audience === "admin" || !f.allow || f.allow.some((r) => r !== "admin"))
    .filter((f) => /^[a-z0-9_]{1,32}$/.test(f.commands[0] ?? ""))
    .map((f) => ({ command: f.commands[0]!, description: t(`help:commands.${f.name}`).slice(0, 256) }))
    .slice(0, 100);
}

/** Every menu to set: three scopes (plus one per Telegram admin), each in the default language and the others. */
export function commandMenus(features: readonly Feature[], i18n: I18n, admins: readonly AdminId[] = []): CommandMenu[] {
  const scopes: { scope: BotCommandScope; where: "group" | "private"; audience: Audience }[] = [
    { scope: { type: "all_private_chats" }, where: "private", audience: "everyone" },
    { scope: { type: "all_group_chats" }, where: "group", audience: "everyone" },
    { scope: { type: "all_chat_administrators" }, where: "group", audience: "admin" },
    ...admins
      .filter((a) => a.platform === "telegram" && /^\d+$/.test(a.userId))
      .map((a) => ({ scope: { type: "chat", chat_id: Number(a.userId) } as BotCommandScope, where: "private" as const, audience: "admin" as const })),
  ];
  return scopes.flatMap(({ scope, where, audience }) =>
    LOCALES.map((locale) => ({
      scope,
      ...(locale === i18n.defaultLocale ? {} : { language_code: locale as LanguageCode }),
      commands: commandsFor(features, where, audience, i18n, locale),
    })),
  );
}

/**
 * Sets the menus; a failure is logged, never thrown (an admin who never opened a private chat with the bot
 * makes Telegram answer "chat not found"). Resolves to how many were set.
 */
export async function applyCommandMenus(api: Api, menus: readonly CommandMenu[], logger: Logger): Promise<number> {
  const results = await Promise.allSettled(
    menus.map(({ scope, language_code, commands }) => api.setMyCommands(commands, { scope, ...(language_code ? { language_code } : {}) })),
  );
  results.forEach((r, i) => {
    if (r.status === "rejected") logger.warn({ scope: menus[i]!.scope, language: menus[i]!.language_code, ...errorFields(r.reason) }, "telegram: setMyCommands failed");
  });
  return results.filter((r) => r.status === "fulfilled").length;
}
