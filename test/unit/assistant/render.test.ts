import { describe, expect, it } from "vitest";
import { createI18n } from "../../../src/i18n.ts";
import type { AssistantResult } from "../../../src/assistant/assistant.ts";
import { renderAssistantReply, renderTopic } from "../../../src/assistant/render.ts";

const i18n = createI18n();
const vi = i18n.t("vi");
const en = i18n.t("en");
const menu = ["what_is_vneid", "fees", "local_help"];

describe("renderAssistantReply", () => {
  it("puts the campaign's help lines where local_help says {{help}}", () => {
    const text = renderTopic("local_help", vi, ["Công an xã Tân Lập", "Tổ CNSCĐ ấp 3"]);
    expect(text).toContain("• Công an xã Tân Lập\n• Tổ CNSCĐ ấp 3");
    expect(text).not.toContain("{{");
  });

  it("falls back to the generic help line when the campaign has none", () => {
    expect(renderTopic("local_help", vi)).toContain(vi("kb:localHelpFallback"));
    expect(renderTopic("local_help", en)).toContain(en("kb:localHelpFallback"));
  });

  it("renders an answer with its title, steps and source", () => {
    const { text, buttons } = renderAssistantReply({ kind: "answer", topic: "fees", score: 1, confidence: 1, pii: [] }, vi, menu);
    expect(text).toMatch(/^\*\*Chi phí/);
    expect(text).toContain("miễn phí");
    expect(text).toContain("Nguồn: https://");
    expect(buttons).toBeUndefined();
  });

  it("lists suggestions and the menu as text and as buttons", () => {
    const suggest = renderAssistantReply({ kind: "suggest", topics: ["fees", "scams"], pii: [] }, en, menu);
    expect(suggest.text).toBe(`${en("kb:suggest")}\n1. Fees (none)\n2. Beware of scams`);
    expect(suggest.buttons).toEqual([[{ label: "Fees (none)", data: "kb:fees" }], [{ label: "Beware of scams", data: "kb:scams" }]]);
    const shown = renderAssistantReply({ kind: "menu", reason: "off_topic", pii: [] }, vi, menu);
    expect(shown.buttons).toHaveLength(3);
  });

  it("reminds about personal numbers only when asked to", () => {
    const result: AssistantResult = { kind: "menu", reason: "off_topic", pii: ["cccd"] };
    expect(renderAssistantReply(result, vi, menu, { remindPrivacy: true }).text).toMatch(/^Để an toàn/);
    expect(renderAssistantReply(result, vi, menu).text).not.toMatch(/Để an toàn/);
  });
});
