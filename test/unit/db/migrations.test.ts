/**
 * The migrations, on a new database and on one made by the first release with data in it. Migration 0001 holds
 * SQL that drizzle-kit cannot express (unit_progress WITHOUT ROWID, its carried-forward tail trimmed): a later
 * generated migration that rebuilds the table must keep it, and this test says so when it does not.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../../../src/db/client.ts";

const MIGRATIONS = resolve(import.meta.dirname, "../../../migrations");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tableSql = (db: Database.Database, name: string) => (db.prepare("SELECT sql FROM sqlite_master WHERE name = ?").pluck().get(name) as string | undefined) ?? "";

describe("migrations", () => {
  it("store progress in a WITHOUT ROWID table with no second copy of it as an index", () => {
    const db = openDatabase(":memory:").$client;
    expect(tableSql(db, "unit_progress")).toMatch(/WITHOUT ROWID\s*$/);
    expect(tableSql(db, "unit_progress_covering")).toBe("");
    expect(db.pragma("index_list(unit_progress)")).toHaveLength(1);
  });

  it("upgrade a first-release database with its data, dropping only progress carried past the last figure", () => {
    const dir = mkdtempSync(join(tmpdir(), "chiendich-migrate-"));
    dirs.push(dir);
    // The first release: the migrations folder as it was, 0000 alone.
    const first = join(dir, "migrations");
    cpSync(MIGRATIONS, first, { recursive: true });
    const journal = JSON.parse(readFileSync(join(first, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
    writeFileSync(join(first, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx === 0) }));
    const file = join(dir, "old.db");
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: first });
    old.exec(`
      INSERT INTO campaigns (id, name, start, end, timezone, definition, updated_at) VALUES ('c', 'C', '2023-06-20', '2023-06-30', 'Asia/Ho_Chi_Minh', '{}', 0);
      INSERT INTO reports (id, campaign_id, unit_code, day, platform, chat_id, message_id, sender_id, raw_text, sent_at, status, updated_at)
        VALUES (1, 'c', 'U1', '2023-06-22', 'telegram', '-1', '1', 's', 'U1: 5', 0, 'active', 0);
      INSERT INTO report_values (report_id, campaign_id, unit_code, day, metric_key, kind, value, source, current, active)
        VALUES (1, 'c', 'U1', '2023-06-22', 'm', 'daily', 5, '5', 1, 1);
    `);
    const insert = old.prepare("INSERT INTO unit_progress (campaign_id, day, metric_key, unit_code, value) VALUES ('c', ?, 'm', 'U1', 5)");
    for (const day of ["2023-06-22", "2023-06-23", "2023-06-24", "2023-06-30"]) insert.run(day);
    old.close();

    const db = openDatabase(file).$client;
    expect(db.prepare("SELECT day, value FROM unit_progress ORDER BY day").all()).toEqual([{ day: "2023-06-22", value: 5 }]);
    expect(db.prepare("SELECT id, event_key FROM reports").all()).toEqual([{ id: 1, event_key: null }]);
    expect(tableSql(db, "unit_progress")).toMatch(/WITHOUT ROWID\s*$/);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});
