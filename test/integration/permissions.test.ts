/**
 * Every command against every role and chat kind: allowed, or refused politely. The expectations are written out
 * here, not derived from the features, so a permission change shows up as a failing row.
 */
import { describe, expect, it } from "vitest";
import type { Role } from "../../src/core/roles.ts";
import type { ChatType } from "../../src/core/types.ts";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, setMemberRole, upsertMember } from "../../src/db/repos/members.ts";
import { testRuntime } from "../helpers/runtime.ts";

type Where = "private" | "bound" | "unbound";
const EVERYONE: Role[] = ["admin", "leader", "reporter", "citizen"];

/** command → who may use it, and where (all chat kinds when absent). */
const MATRIX: Record<string, { feature: string; who: Role[]; where?: Where[] }> = {
  "/start": { feature: "start", who: EVERYONE },
  "/trogiup": { feature: "help", who: EVERYONE },
  "/toila": { feature: "whoami", who: EVERYONE },
  "/tiendo": { feature: "progress", who: EVERYONE },
  "/bxh": { feature: "leaderboard", who: EVERYONE },
  "/chuabaocao": { feature: "notReported", who: EVERYONE },
  "/tonghop": { feature: "summary", who: ["admin", "leader"] },
  "/dashboard": { feature: "dashboard", who: ["admin", "leader"], where: ["private"] },
  "/xuat": { feature: "export", who: ["admin", "leader"] },
  "/dangky": { feature: "register", who: EVERYONE },
  "/sua": { feature: "myReports", who: ["reporter"] },
  "/huy": { feature: "withdraw", who: ["reporter"] },
  "/ketnoi": { feature: "bind", who: ["admin"], where: ["bound", "unbound"] },
  "/huyketnoi": { feature: "unbind", who: ["admin"], where: ["bound", "unbound"] },
  "/mamoi": { feature: "joinCode", who: ["admin"] },
  "/duyet": { feature: "approve", who: ["admin"] },
  "/tuchoi": { feature: "deny", who: ["admin"] },
  "/gan": { feature: "assign", who: ["admin"] },
  "/capquyen": { feature: "grant", who: ["admin"] },
  "/nhacnho": { feature: "remindNow", who: ["admin"] },
  "/lich": { feature: "schedule", who: EVERYONE },
  "/tamdung": { feature: "pause", who: ["admin"] },
  "/tieptuc": { feature: "resume", who: ["admin"] },
  "/thongke_hoidap": { feature: "faqStats", who: ["admin"] },
  "/ngonngu": { feature: "language", who: EVERYONE },
};

const REFUSAL = /Xin lỗi, lệnh .* dành cho|chỉ dùng trong nhóm|chỉ dùng khi nhắn riêng/;
const ROLES: Role[] = ["admin", "leader", "reporter", "citizen"];
const WHERES: Where[] = ["private", "bound", "unbound"];

function setUp() {
  const rt = testRuntime({ env: { ADMINS: "console:admin" }, now: () => new Date("2023-06-21T03:00:00Z") });
  const leader = upsertMember(rt.db, { platform: "console", platformUserId: "leader", displayName: "Lãnh đạo" });
  setMemberRole(rt.db, leader.id, "leader");
  const reporter = upsertMember(rt.db, { platform: "console", platformUserId: "reporter", displayName: "Báo cáo viên" });
  addReporterUnit(rt.db, reporter.id, "binh-phuoc-vneid-90", "BLO");
  bindChat(rt.db, { platform: "console", chatId: "bound", campaignId: "binh-phuoc-vneid-90", purpose: "reports" });
  return rt;
}

describe("permissions matrix", () => {
  const rt = setUp();
  let seq = 0;

  it("covers every command the bot knows", () => {
    const known = rt.core.features.map((f) => f.name).sort();
    expect(Object.values(MATRIX).map((m) => m.feature).sort()).toEqual(known);
  });

  const rows = Object.entries(MATRIX).flatMap(([command, rule]) =>
    ROLES.flatMap((role) => WHERES.map((where) => ({ command, role, where, allowed: rule.who.includes(role) && (!rule.where || rule.where.includes(where)) }))),
  );

  it.each(rows)("$command by $role in $where chat: allowed=$allowed", async ({ command, role, where, allowed }) => {
    const chatType: ChatType = where === "private" ? "private" : "group";
    const chatId = where === "private" ? role : where;
    const replies = await rt.core.handleMessage({
      platform: "console",
      chatId,
      chatType,
      senderId: role,
      senderName: role,
      text: command,
      messageId: String(++seq),
      date: new Date("2023-06-21T03:00:00Z"),
    });
    const text = replies.map((r) => r.text ?? "").join("\n");
    expect(text.length, "every command gets an answer").toBeGreaterThan(0);
    if (allowed) expect(text).not.toMatch(REFUSAL);
    else expect(text).toMatch(REFUSAL);
    // Refusals say what is needed, never fail silently or crash.
    expect(text).not.toContain("gặp sự cố");
  });
});
