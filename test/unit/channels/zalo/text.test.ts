/** Reply text → Zalo parts: plain text, mentions moved with UTF-16 offsets, numbered choices, splitting. */
import { describe, expect, it } from "vitest";
import { numberedChoices, plainWithMentions, toTextParts } from "../../../../src/channels/zalo/text.ts";
import { toPlainText } from "../../../../src/render/markup.ts";
import { createI18n } from "../../../../src/i18n.ts";

const mention = (text: string, name: string, userId = "u1") => ({ userId, offset: text.indexOf(name), length: name.length });

describe("plainWithMentions", () => {
  it("gives exactly toPlainText and moves mentions past removed markup", () => {
    const text = "**Nhắc việc** 🔔\n```\nBLO  856\n```\n@Lê Văn Bình, **@Phạm Thị Xoài** ơi";
    const out = plainWithMentions(text, [mention(text, "@Lê Văn Bình", "a"), mention(text, "@Phạm Thị Xoài", "b")]);
    expect(out.text).toBe(toPlainText(text));
    expect(out.mentions.map((m) => out.text.slice(m.offset, m.offset + m.length))).toEqual(["@Lê Văn Bình", "@Phạm Thị Xoài"]);
  });

  it("counts in UTF-16 units: an emoji is two, a precomposed Vietnamese letter one", () => {
    const text = "👉👉 @Đặng Thị Ngọc Ánh";
    const [m] = plainWithMentions(text, [mention(text, "@Đặng Thị Ngọc Ánh")]).mentions;
    expect(m).toEqual({ userId: "u1", offset: 5, length: 18 });
  });
});

describe("toTextParts", () => {
  it("splits a long text and keeps each mention in its own part", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `Dòng ${i + 1}: xã Tân Khai kích hoạt ${100 + i} tài khoản`);
    lines[45] = "Đồng chí @Lê Văn Bình lưu ý";
    const text = lines.join("\n");
    const parts = toTextParts(text, [mention(text, "@Lê Văn Bình")], 1000);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.msg.length <= 1000)).toBe(true);
    const tagged = parts.flatMap((p) => p.mentions.map((m) => p.msg.slice(m.pos, m.pos + m.len)));
    expect(tagged).toEqual(["@Lê Văn Bình"]);
  });
});

describe("numberedChoices", () => {
  it("numbers every button and says how to answer", () => {
    const t = createI18n("vi").t("vi");
    const out = numberedChoices([[{ label: "✅ Duyệt", data: "reg:approve:3" }, { label: "❌ Từ chối", data: "reg:deny:3" }]], t);
    expect(out.text).toBe("1. ✅ Duyệt\n2. ❌ Từ chối\nTrả lời bằng số (1–2) để chọn.");
    expect(out.data).toEqual(["reg:approve:3", "reg:deny:3"]);
  });
});
