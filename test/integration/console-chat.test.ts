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

  it("takes a unit in several campaigns from the one running at --at, as the README shows", () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-chat-"));
    const out = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["src/cli/chat.ts", "--as", "BLO", "--at", "2023-06-21T10:00"], {
      input: "Bình Long báo cáo ngày 21/6: thu nhận 1.020 hồ sơ (mức 1: 300; mức 2: 720), kích hoạt 856 TK, lũy kế 30.115\ntiến độ Bình Long\n",
      env: { ...process.env, DATABASE_PATH: join(dir, "db.sqlite") },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("🤖 [👍]");
    expect(out.stdout).toContain("Tiến độ của Thị xã Bình Long");
    expect(out.stdout).toContain("1.020");
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
