/** The webhook's guards: the secret, the update shape, and the re-delivery memory. */
import { describe, expect, it } from "vitest";
import { createRecentUpdates } from "../../../../src/channels/telegram/recent-updates.ts";
import { deriveSecret, secretMatches } from "../../../../src/channels/telegram/webhook.ts";
import { configSchema } from "../../../../src/config.ts";

describe("webhook secret", () => {
  it("matches only the exact secret", () => {
    expect(secretMatches("abc-123", "abc-123")).toBe(true);
    expect(secretMatches("abc-124", "abc-123")).toBe(false);
    expect(secretMatches("abc-1234", "abc-123")).toBe(false);
    expect(secretMatches(undefined, "abc-123")).toBe(false);
    expect(secretMatches(["abc-123"], "abc-123")).toBe(false);
  });

  it("derives a stable secret Telegram accepts from the token", () => {
    const secret = deriveSecret("123:ABC");
    expect(secret).toBe(deriveSecret("123:ABC"));
    expect(secret).not.toBe(deriveSecret("123:ABD"));
    expect(secret).not.toContain("ABC");
    expect(configSchema.shape.TELEGRAM_WEBHOOK_SECRET.safeParse(secret).success).toBe(true);
  });
});

describe("recent updates", () => {
  it("remembers ids and forgets the oldest beyond its capacity", () => {
    const recent = createRecentUpdates(3);
    expect([1, 2, 3, 1].map((id) => recent.seen(id))).toEqual([false, false, false, true]);
    expect(recent.seen(4)).toBe(false);
    expect(recent.size).toBe(3);
    expect(recent.seen(1)).toBe(false); // evicted
    expect(recent.seen(4)).toBe(true);
  });
});
