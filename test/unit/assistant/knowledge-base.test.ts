import { describe, expect, it } from "vitest";
import {
  KnowledgeBaseError,
  loadKnowledgeBase,
  parseKnowledgeBase,
} from "../../../src/assistant/knowledge-base.ts";
import { redactPii } from "../../../src/privacy/redact.ts";
import { readLocaleResources } from "../../../src/i18n.ts";

const REQUIRED = [
  "what_is_vneid", "levels", "register_level1", "register_level2", "activation_sms", "activate_without_smartphone",
  "forgot_password", "forgot_passcode", "change_phone", "lost_phone", "dvc_portal_login", "face_nfc_failure",
  "pending_approval", "children_under_14", "fees", "scams", "local_help",
];

describe("knowledge base", () => {
  const { topics, files } = loadKnowledgeBase();

  it("covers every topic the issue asks for, in both languages", () => {
    const ids = topics.map((t) => t.id);
    for (const id of REQUIRED) expect(ids).toContain(id);
    expect(Object.keys(files.en.topics)).toEqual(Object.keys(files.vi.topics));
  });

  it("gives each answer numbered steps, an official source and a review date", () => {
    for (const file of [files.vi, files.en])
      for (const [id, t] of Object.entries(file.topics)) {
        if (id !== "local_help") expect(t.answer, id).toMatch(/^1\. /m);
        expect(new URL(t.source).hostname, id).toMatch(/(^|\.)gov\.vn$|(^|\.)chinhphu\.vn$/);
        expect(t.reviewed, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(t.answer.length, `${id} fits a phone screen`).toBeLessThan(700);
      }
  });

  it("contains no phone numbers, ID numbers or codes", () => {
    for (const file of [files.vi, files.en])
      for (const [id, t] of Object.entries(file.topics))
        expect(redactPii(`${t.answer} ${t.questions.join(" ")}`).found, id).toEqual([]);
  });

  it("speaks to citizens as anh/chị in Vietnamese", () => {
    const text = Object.values(files.vi.topics).map((t) => t.answer).join(" ");
    expect(text).toContain("anh/chị");
    expect(text).not.toMatch(/đồng chí/);
  });

  it("rejects a broken file with the path of the bad field", () => {
    const vi = structuredClone(readLocaleResources().vi!.kb) as { topics: Record<string, { source: string }> };
    vi.topics.fees!.source = "not a url";
    expect(() => parseKnowledgeBase(vi)).toThrow(KnowledgeBaseError);
    expect(() => parseKnowledgeBase(vi)).toThrow(/topics\.fees\.source/);
  });

  it("requires the {{help}} placeholder in local_help", () => {
    const vi = structuredClone(readLocaleResources().vi!.kb) as { topics: Record<string, { answer: string }> };
    vi.topics.local_help!.answer = "Hỏi Công an xã.";
    expect(() => parseKnowledgeBase(vi)).toThrow(/\{\{help\}\}/);
  });
});
