/**
 * The console chat on the demo campaigns: every progress command and phrase gets a Vietnamese answer, never the
 * error text, whether or not anything was reported yet.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createConsoleSession, type ConsoleSession } from "../../src/channels/console/console-session.ts";
import type { Runtime } from "../../src/runtime.ts";
import { testRuntime } from "../helpers/runtime.ts";

/** Every question the progress features answer; units named in the issue belong to no demo campaign. */
const QUESTIONS = [
  "/tiendo",
  "tiến độ?",
  "tien do Bình Sơn",
  "huyện Ba Tơ đạt bao nhiêu rồi",
  "toàn tỉnh được bao nhiêu %",
  "/bxh",
  "bảng xếp hạng",
  "xếp hạng",
  "/chuabaocao",
  "đơn vị nào chưa báo cáo",
  "/tonghop",
];

const DEMOS = [
  {
    id: "binh-phuoc-vneid-90",
    at: new Date("2023-07-10T09:00:00+07:00"),
    reporter: "BLO",
    report: "Bình Long: kích hoạt 856 TK, lũy kế 30.115; thu nhận 1.020 hồ sơ",
    unitQuestions: [
      ["tien do Bình Long", "Tiến độ của Thị xã Bình Long"],
      ["huyện Bù Đăng đạt bao nhiêu rồi", "Tiến độ của Huyện Bù Đăng"],
      ["/tiendo các huyện", "Tiến độ khối huyện, thị xã, thành phố"],
    ],
  },
  {
    id: "binh-phuoc-dvc-92",
    at: new Date("2022-07-15T09:00:00+07:00"),
    reporter: "BLO",
    report: "Bình Long: tỷ lệ DVCTT phát sinh hồ sơ 85,5%; tỷ lệ hồ sơ quá hạn 1,2%",
    unitQuestions: [
      ["tien do Binh Long", "Tiến độ của Thị xã Bình Long"],
      ["Sở Tư pháp đạt bao nhiêu rồi", "Tiến độ của Sở Tư pháp"],
      ["/bxh quá hạn", "thấp trước"],
    ],
  },
] as const;

/** Vietnamese text: at least one letter only Vietnamese has. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

let rt: Runtime;

describe.each(DEMOS)("the console chat on $id", (demo) => {
  let admin: ConsoleSession;

  beforeEach(() => {
    rt = testRuntime({ now: () => demo.at });
    admin = createConsoleSession(rt, { as: "admin", campaignId: demo.id });
  });

  async function answer(session: ConsoleSession, question: string): Promise<string> {
    const replies = await session.send(question);
    expect(replies.length, question).toBeGreaterThan(0);
    const text = replies.join("\n");
    expect(text.trim(), question).not.toBe("");
    expect(text, question).not.toContain("Xin lỗi");
    expect(text, question).toMatch(VIETNAMESE);
    return text;
  }

  it.each(QUESTIONS)("answers %s before any report", async (question) => {
    await answer(admin, question);
  });

  it.each(QUESTIONS)("answers %s after a report", async (question) => {
    // In private: two console sessions in one chat can number their messages alike (both start at Date.now()).
    const reporter = createConsoleSession(rt, { as: demo.reporter, campaignId: demo.id, chat: "private" });
    expect(await reporter.send(demo.report)).toEqual(["[👍]"]);
    await answer(admin, question);
  });

  it.each(demo.unitQuestions.map(([q, e]): [string, string] => [q, e]))("answers %s about a unit of the demo", async (question, expected) => {
    expect(await answer(admin, question)).toContain(expected);
  });

  it("answers a reporter's /tiendo in private with his own unit", async () => {
    const reporter = createConsoleSession(rt, { as: demo.reporter, campaignId: demo.id, chat: "private" });
    expect(await answer(reporter, "/tiendo")).toContain("Tiến độ của Thị xã Bình Long");
  });
});
