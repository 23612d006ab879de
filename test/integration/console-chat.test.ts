import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("npm run chat", () => {
  it("answers /trogiup in Vietnamese for a citizen, from piped input", () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-chat-"));
    const out = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["src/cli/chat.ts", "--as", "citizen"], {
      input: "/trogiup\n",
      env: { ...process.env, DATABASE_PATH: join(dir, "db.sqlite") },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Các lệnh anh/chị có thể dùng");
  });

  it("explains a bad --as", () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-chat-"));
    const out = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["src/cli/chat.ts", "--as", "nobody"], {
      input: "",
      env: { ...process.env, DATABASE_PATH: join(dir, "db.sqlite") },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("--as must be");
  });
});
