/** The sender the outbox calls: thread types, quotes and reactions when known, images, long texts, errors. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCredentialStore, ZaloCredentialsError } from "../../../../src/channels/zalo/credentials.ts";
import { messageHandle } from "../../../../src/channels/zalo/inbound.ts";
import { createZaloMemory, type ZaloMemory } from "../../../../src/channels/zalo/memory.ts";
import { createZaloSender, imageSize } from "../../../../src/channels/zalo/sender.ts";
import { Reactions, ThreadType } from "../../../../src/channels/zalo/zca.ts";
import { ChannelError } from "../../../../src/core/types.ts";
import { bindChat } from "../../../../src/db/repos/chats.ts";
import type { Sender } from "../../../../src/scheduling/outbox.ts";
import type { Runtime } from "../../../../src/runtime.ts";
import { FakeZalo, zaloError, zaloFixture } from "../../../helpers/fake-zalo.ts";
import { silentLogger, testRuntime } from "../../../helpers/runtime.ts";

const GROUP = "5843219876543210987";
let rt: Runtime;
let fake: FakeZalo;
let memory: ZaloMemory;
let send: Sender;
let connected: boolean;

/** A 1×1 PNG header is enough for the size reader; the 640×480 chart's header says its size. */
function pngHeader(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  b.writeUInt32BE(0x89504e47, 0);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

beforeEach(() => {
  rt = testRuntime();
  fake = new FakeZalo();
  memory = createZaloMemory(rt.db);
  connected = true;
  send = createZaloSender({ api: () => (connected ? fake : undefined), memory, t: rt.i18n.t("vi"), pauseSeconds: 600, logger: silentLogger });
});
afterEach(() => rt.close());

describe("zalo sender", () => {
  it("sends to a chat bound in the database as a group, and to anyone else as a private chat", async () => {
    bindChat(rt.db, { platform: "zalo", chatId: GROUP, campaignId: "binh-phuoc-vneid-90", purpose: "reports" });
    await send({ to: { platform: "zalo", chatId: GROUP }, text: "Chào nhóm" });
    await send({ to: { platform: "zalo", chatId: "2101000000000000900" }, text: "Chào anh" });
    expect(fake.sent.map((s) => [s.threadId, s.type])).toEqual([[GROUP, ThreadType.Group], ["2101000000000000900", ThreadType.User]]);
  });

  it("reacts and quotes when the message is known, and sends plainly when it is not (after a restart)", async () => {
    const report = zaloFixture("group-report-blo");
    memory.threadTypes.set(GROUP, ThreadType.Group);
    memory.messages.set("7300000000101", messageHandle(report));
    await send({ to: { platform: "zalo", chatId: GROUP }, reaction: "👍", reactTo: "7300000000101", text: "Lưu ý số lũy kế", replyTo: "7300000000101" });
    expect(fake.reactions).toHaveLength(1);
    expect(fake.reactions[0]!.icon).toBe(Reactions.LIKE);
    expect(fake.sent[0]!.message.quote?.msgId).toBe("7300000000101");

    await send({ to: { platform: "zalo", chatId: GROUP }, reaction: "👍", reactTo: "999", text: "Lưu ý", replyTo: "999" });
    expect(fake.reactions).toHaveLength(1);
    expect(fake.sent[1]!.message).toEqual({ msg: "Lưu ý" });
  });

  it("splits a long text into parts of at most 2,000 characters, quoting only with the first", async () => {
    memory.messages.set("7300000000101", messageHandle(zaloFixture("group-report-blo")));
    const text = Array.from({ length: 120 }, (_, i) => `${i + 1}. Xã ${i + 1}: kích hoạt ${1000 + i} tài khoản định danh`).join("\n");
    await send({ to: { platform: "zalo", chatId: GROUP }, text, replyTo: "7300000000101" });
    expect(fake.sent.length).toBeGreaterThan(1);
    expect(fake.sent.every((s) => s.message.msg.length <= 2000)).toBe(true);
    expect(fake.sent.map((s) => Boolean(s.message.quote))).toEqual([true, ...fake.sent.slice(1).map(() => false)]);
    expect(fake.sent.map((s) => s.message.msg).join("\n")).toBe(text);
  });

  it("sends a chart from a Buffer with its size in the metadata", async () => {
    const data = pngHeader(640, 480);
    await send({ to: { platform: "zalo", chatId: GROUP }, attachment: { kind: "image", filename: "tien-do", mimeType: "image/png", data } });
    expect(fake.sent[0]!.message).toEqual({ msg: "", attachments: [{ data, filename: "tien-do.png", metadata: { totalSize: 33, width: 640, height: 480 } }] });
    expect(imageSize(Buffer.from("not an image"))).toBeUndefined();
  });

  it("turns Zalo errors into outbox decisions, and waits while the session is down", async () => {
    fake.failures.push(zaloError("Vượt quá số request cho phép", 221));
    await expect(send({ to: { platform: "zalo", chatId: GROUP }, text: "x" })).rejects.toMatchObject({ code: "RATE_LIMITED", retryAfter: 600 });
    connected = false;
    const err = await send({ to: { platform: "zalo", chatId: GROUP }, text: "x" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err).toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("credential store", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "zalo-cred-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads nothing when no one logged in, and refuses a broken file with what to do", () => {
    const store = createCredentialStore(join(dir, "c.json"));
    expect(store.load()).toBeNull();
    writeFileSync(store.path, "{ not json");
    expect(() => store.load()).toThrow(ZaloCredentialsError);
    writeFileSync(store.path, JSON.stringify({ imei: "x" }));
    expect(() => store.load()).toThrow(/zalo:login/);
  });
});
