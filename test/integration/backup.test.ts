import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { backupDatabase } from "../../src/cli/backup.ts";
import { openDatabase } from "../../src/db/client.ts";
import { reports } from "../../src/db/schema.ts";

describe("backup", () => {
  it("copies a live database consistently while it is being written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-bak-"));
    const path = join(dir, "live.db");
    const db = openDatabase(path);
    db.$client.exec("insert into campaigns (id, name, timezone, start, end, definition, updated_at) values ('c', 'C', 'Asia/Ho_Chi_Minh', '2023-06-20', '2023-09-20', '{}', 0)");
    const insert = () =>
      db.insert(reports).values({ campaignId: "c", unitCode: "A", day: "2023-06-21", platform: "t", chatId: "g", messageId: String(Math.random()), senderId: "1", rawText: "x".repeat(500), sentAt: 0, status: "active", updatedAt: 0 }).run();
    for (let i = 0; i < 2000; i++) insert();
    const writer = setInterval(() => {
      for (let i = 0; i < 50; i++) insert();
    }, 1);
    const result = await backupDatabase(path, join(dir, "copy.db"));
    clearInterval(writer);
    expect(result.integrity).toBe("ok");
    const copy = new Database(join(dir, "copy.db"), { readonly: true });
    const n = (copy.prepare("select count(*) as n from reports").get() as { n: number }).n;
    expect(n).toBeGreaterThanOrEqual(2000);
    copy.close();
    db.$client.close();
  });

  it("runs as npm run backup and says what it did", () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-bak-"));
    openDatabase(join(dir, "db.sqlite")).$client.close();
    const out = spawnSync(join(process.cwd(), "node_modules/.bin/tsx"), ["src/cli/backup.ts", join(dir, "b/backup.db")], {
      env: { ...process.env, DATABASE_PATH: join(dir, "db.sqlite") },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("integrity ok");
  });
});
