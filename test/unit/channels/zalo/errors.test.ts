/** zca-js errors → what the outbox does: pause on throttling or ban-like answers, drop refusals, retry the rest. */
import { describe, expect, it } from "vitest";
import { toChannelError } from "../../../../src/channels/zalo/errors.ts";
import { zaloError } from "../../../helpers/fake-zalo.ts";

describe("toChannelError", () => {
  it.each([
    ["Vượt quá số request cho phép", 221, "RATE_LIMITED"],
    ["Không thể nhận tin nhắn từ bạn.", 123, "RATE_LIMITED"],
    ["Tài khoản tạm khóa tính năng gửi tin", 999, "RATE_LIMITED"],
    ["Bạn chưa thể gửi tin nhắn đến người này vì người này chặn không nhận tin nhắn từ người lạ.", 122, "FORBIDDEN"],
    ["Invalid mentions: total mention characters exceed message length", null, "BAD_REQUEST"],
    ["Retry limit", -69, "UNKNOWN"],
  ] as const)("%s (%s) → %s", (message, code, expected) => {
    const e = toChannelError(zaloError(message, code), 600);
    expect(e.code).toBe(expected);
    if (expected === "RATE_LIMITED") expect(e.retryAfter).toBe(600);
  });

  it("retries network failures", () => {
    expect(toChannelError(new TypeError("fetch failed"), 600).code).toBe("TRANSIENT");
  });
});
