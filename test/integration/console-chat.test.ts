import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** `npm run chat -- <args>` on a fresh database, with `input` piped in. */
function chat(args: string[], input: string) {
  const dir = mkdtempSync(join(tmpdir(), "cdb-chat-"));
  return spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["src/cli/chat.ts", ...args], {
    input,
    env: { ...process.env, DATABASE_PATH: join(dir, "db.sqlite") },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("npm run chat", () => {
  it("answers /trogiup in Vietnamese for a citizen, from piped input", () => {
    const out = chat(["--as", "citizen"], "/trogiup\n");
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Các lệnh anh/chị có thể dùng");
  });

  it("takes a unit in several campaigns from the one running at --at, as the README shows", () => {
    const out = chat(
      ["--as", "BLO", "--at", "2023-06-21T10:00"],
      "Bình Long báo cáo ngày 21/6: thu nhận 1.020 hồ sơ (mức 1: 300; mức 2: 720), kích hoạt 856 TK, lũy kế 30.115\ntiến độ Bình Long\n",
    );
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("🤖 [👍]");
    expect(out.stdout).toContain("Tiến độ của Thị xã Bình Long");
    expect(out.stdout).toContain("1.020");
  });

  it("explains a bad --as", () => {
    const out = chat(["--as", "nobody"], "");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("--as must be");
  });
});
