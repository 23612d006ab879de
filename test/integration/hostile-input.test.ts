/**
 * Hostile and malformed input through the whole `handleMessage` path: every message gets an answer or silence,
 * never a crash, and stored figures change only through real reports.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bindChat } from "../../src/db/repos/chats.ts";
import { addReporterUnit, upsertMember } from "../../src/db/repos/members.ts";
import type { InboundMessage } from "../../src/core/types.ts";
import { testRuntime } from "../helpers/runtime.ts";

const CAMPAIGN = "binh-phuoc-vneid-90";
const when = new Date("2023-06-21T03:00:00Z");

function setUp() {
  const rt = testRuntime({ now: () => when, env: { MAX_MESSAGE_LENGTH: "20000" } });
  bindChat(rt.db, { platform: "telegram", chatId: "g", campaignId: CAMPAIGN, purpose: "reports" });
  const m = upsertMember(rt.db, { platform: "telegram", platformUserId: "101", displayName: "Lê Văn Bình" });
  addReporterUnit(rt.db, m.id, CAMPAIGN, "BLO");
  return rt;
}

let seq = 0;
const msg = (text: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
  platform: "telegram",
  chatId: "g",
  chatType: "group",
  senderId: "101",
  senderName: "Lê Văn Bình",
  text,
  messageId: `h${++seq}`,
  date: when,
  ...over,
});

const snapshot = (rt: ReturnType<typeof setUp>) =>
  JSON.stringify(rt.db.$client.prepare("select unit_code, day, metric_key, kind, value, active from report_values order by id").all());

describe("hostile input", () => {
  const HOSTILE = [
    "a".repeat(100_000),
    "\u0000\u0001\u0002\u001b[31m\u007f kích hoạt",
    "😀".repeat(5000),
    "'; DROP TABLE reports; -- kích hoạt",
    "<script>alert('x')</script> tiến độ?",
    "9".repeat(400),
    "Bình Long ngày 31/2: kích hoạt " + "9".repeat(400) + " TK",
    "ngày 31/2/2023",
    "\uD800\uDFFF\uDBFF lone surrogates \uDC00",
    "/tiendo " + "x".repeat(5000),
    "/ketnoi ../../etc/passwd",
    "".padEnd(3000, "\n"),
    "🔥".repeat(10) + " kích hoạt 1e309 TK",
    "kích hoạt NaN TK, lũy kế Infinity",
  ];

  it.each(HOSTILE.map((t) => [t.slice(0, 40), t]))("survives %j and stores nothing", async (_label, text) => {
    const rt = setUp();
    const before = snapshot(rt);
    const replies = await rt.core.handleMessage(msg(text));
    expect(Array.isArray(replies)).toBe(true);
    for (const r of replies) expect(r.text ?? "").not.toContain("gặp sự cố");
    expect(snapshot(rt)).toBe(before);
    // The bot still works afterwards.
    expect(await rt.core.handleMessage(msg("Bình Long: kích hoạt 12 TK"))).toEqual([{ reaction: "👍" }]);
  });

  it("never throws and never stores a non-finite figure, whatever the text (fast-check)", async () => {
    const rt = setUp();
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 200 }), fc.stringMatching(/^[0-9.,% kíchoạtTK\n]{0,80}$/)), async (text) => {
        const replies = await rt.core.handleMessage(msg(text));
        expect(Array.isArray(replies)).toBe(true);
        for (const r of replies) expect(r.text ?? "").not.toContain("gặp sự cố");
      }),
      { numRuns: 300 },
    );
    const values = rt.db.$client.prepare("select value from report_values").all() as { value: number }[];
    for (const v of values) expect(Number.isFinite(v.value)).toBe(true);
  });
});
