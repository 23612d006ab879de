import { describe, expect, it } from "vitest";
import { ConfigError, DEMO_CAMPAIGN_FILES, parseConfig } from "../../../src/config.ts";

describe("parseConfig", () => {
  it("applies the documented defaults", () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_PATH).toBe("./data/chiendich.db");
    expect(c.DEFAULT_LOCALE).toBe("vi");
    expect(c.CAMPAIGN_FILES).toEqual(DEMO_CAMPAIGN_FILES);
    expect(c.ADMINS).toEqual([]);
    expect(c.LOG_LEVEL).toBe("info");
  });

  it("reads admins as platform:id pairs and campaign files as a list", () => {
    const c = parseConfig({ ADMINS: "telegram:123, zalo:456", CAMPAIGN_FILES: "a.yaml, b.yaml" });
    expect(c.ADMINS).toEqual([
      { platform: "telegram", userId: "123" },
      { platform: "zalo", userId: "456" },
    ]);
    expect(c.CAMPAIGN_FILES.map((f) => f.split("/").pop())).toEqual(["a.yaml", "b.yaml"]);
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ PORT: "", TELEGRAM_BOT_TOKEN: " " }).PORT).toBe(3000);
  });

  it("fails with one line per bad variable", () => {
    try {
      parseConfig({ PORT: "eighty", DEFAULT_LOCALE: "fr", ADMINS: "telegram:1,bogus", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const lines = (e as ConfigError).lines;
      expect(lines).toHaveLength(4);
      expect(lines.map((l) => l.split(":")[0]).sort()).toEqual(["ADMINS", "DEFAULT_LOCALE", "LOG_LEVEL", "PORT"]);
      expect(lines.find((l) => l.startsWith("ADMINS"))).toContain('"bogus"');
    }
  });

  it("rejects a port out of range and a bad URL", () => {
    expect(() => parseConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => parseConfig({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
  });
});
