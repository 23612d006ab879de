/** The "/" menus come from the features the core knows, in vi and en, scoped by who may use them. */
import { describe, expect, it } from "vitest";
import { commandMenus } from "../../../../src/channels/telegram/commands.ts";
import { createFeatures } from "../../../../src/core/features/index.ts";
import { createI18n } from "../../../../src/i18n.ts";

const i18n = createI18n("vi");
const menus = commandMenus(createFeatures(), i18n, [{ platform: "telegram", userId: "900" }, { platform: "zalo", userId: "1" }]);
const names = (scope: string, lang?: string) => menus.find((m) => m.scope.type === scope && m.language_code === lang)!.commands.map((c) => c.command);

describe("commandMenus", () => {
  it("has each scope in the default language and in English", () => {
    expect(menus.map((m) => `${m.scope.type}:${m.language_code ?? "default"}`)).toEqual([
      "all_private_chats:default",
      "all_private_chats:en",
      "all_group_chats:default",
      "all_group_chats:en",
      "all_chat_administrators:default",
      "all_chat_administrators:en",
      "chat:default",
      "chat:en",
    ]);
    expect(menus.find((m) => m.scope.type === "chat")!.scope).toEqual({ type: "chat", chat_id: 900 });
  });

  it("shows members the group commands, and admin commands only to administrators", () => {
    expect(names("all_group_chats")).toEqual(expect.arrayContaining(["trogiup", "tiendo", "bxh", "dangky", "sua", "huy"]));
    expect(names("all_group_chats")).not.toEqual(expect.arrayContaining(["ketnoi"]));
    expect(names("all_chat_administrators")).toEqual(expect.arrayContaining(["ketnoi", "huyketnoi", "duyet"]));
    expect(names("all_private_chats")).not.toContain("ketnoi");
    expect(names("chat")).toEqual(expect.arrayContaining(["duyet", "mamoi"]));
    expect(names("all_group_chats")).not.toContain("start");
  });

  it("describes every command in the menu's language, within Telegram's limits", () => {
    const vi = menus.find((m) => m.scope.type === "all_group_chats" && !m.language_code)!;
    const en = menus.find((m) => m.scope.type === "all_group_chats" && m.language_code === "en")!;
    expect(vi.commands.find((c) => c.command === "bxh")?.description).toBe(i18n.t("vi")("help:commands.leaderboard").slice(0, 256));
    expect(en.commands.find((c) => c.command === "bxh")?.description).toBe(i18n.t("en")("help:commands.leaderboard").slice(0, 256));
    expect(en.commands.find((c) => c.command === "bxh")?.description).not.toBe(vi.commands.find((c) => c.command === "bxh")?.description);
    for (const m of menus)
      for (const c of m.commands) {
        expect(c.command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(c.description.length).toBeGreaterThan(0);
        expect(c.description.length).toBeLessThanOrEqual(256);
        expect(c.description).not.toContain("help:commands");
      }
  });
});
