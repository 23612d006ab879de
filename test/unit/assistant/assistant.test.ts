import { describe, expect, it } from "vitest";
import { createAssistant } from "../../../src/assistant/assistant.ts";
import { isCitizenQuestion, notAQuestion } from "../../../src/assistant/intent.ts";
import { loadKnowledgeBase } from "../../../src/assistant/knowledge-base.ts";

const assistant = createAssistant({ topics: loadKnowledgeBase().topics });
const topicOf = (text: string) => {
  const r = assistant.answer(text);
  return r.kind === "answer" ? r.topic : r.kind;
};

describe("createAssistant().answer", () => {
  it.each([
    ["Quên mật khẩu VNeID", "forgot_password"],
    ["quen mat khau vneid", "forgot_password"],
    ["Quên mật khẩu VNeID".normalize("NFD"), "forgot_password"],
    ["queen maatj khaaur vneid", "forgot_password"],
    ["quen mk", "forgot_password"],
    ["kích hoạt tài khoản định danh thế nào", "activation_sms"],
    ["ddk muc 2 o dau", "register_level2"],
    ["dang nhap dvc bang vneid", "dvc_portal_login"],
    ["có mất phí không", "fees"],
    ["có người gọi đòi mã OTP", "scams"],
    ["How do I reset my VNeID password?", "forgot_password"],
    ["Is registration free?", "fees"],
  ])("answers %j with %s", (text, topic) => expect(topicOf(text)).toBe(topic));

  it.each([
    ["Bình Sơn kích hoạt 856 TK", "report"],
    ["Phú Riềng: mức 1 30.115, mức 2 2.500 hồ sơ", "report"],
    ["tiến độ?", "campaign"],
    ["xếp hạng tuần này", "campaign"],
    ["chào bạn", "off_topic"],
    ["thời tiết mai thế nào", "off_topic"],
    ["", "empty"],
    ["👍", "empty"],
  ])("shows the menu for %j (%s)", (text, reason) =>
    expect(assistant.answer(text)).toEqual({ kind: "menu", reason, pii: [] }),
  );

  it("offers two or three close topics when unsure", () => {
    const r = assistant.answer("kichs hoatj vneid");
    expect(r.kind).toBe("suggest");
    if (r.kind === "suggest") {
      expect(r.topics.length).toBeGreaterThanOrEqual(2);
      expect(r.topics.length).toBeLessThanOrEqual(3);
      expect(r.topics[0]).toBe("activation_sms");
    }
  });

  it("redacts personal numbers before matching and reports them", () => {
    const r = assistant.answer("quên mật khẩu, cccd 079123456789 sđt 0912345678");
    expect(r).toMatchObject({ kind: "answer", topic: "forgot_password", pii: ["cccd", "phone"] });
  });

  it("lists every topic for the menu", () => {
    expect(assistant.topicIds).toContain("local_help");
    expect(assistant.topicIds.length).toBeGreaterThanOrEqual(17);
  });
});

describe("intent helpers", () => {
  it("tells citizen questions from reports and chit-chat", () => {
    expect(isCitizenQuestion("làm sao kích hoạt VNeID")).toBe(true);
    expect(isCitizenQuestion("quen mk vneid")).toBe(true);
    expect(isCitizenQuestion("Đồng Xoài kích hoạt 1.020 TK")).toBe(false);
    expect(isCitizenQuestion("tiến độ kích hoạt tài khoản?")).toBe(false);
    expect(isCitizenQuestion("ăn cơm chưa")).toBe(false);
  });

  it("keeps a question with money in it a question", () => {
    expect(notAQuestion("có người đòi 50.000đ mới làm định danh, có phải lừa đảo không?")).toBeNull();
    expect(notAQuestion("đăng ký từ 20/6/2023 mà chưa được duyệt")).toBeNull();
  });
});
