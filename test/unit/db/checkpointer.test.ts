/**
 * The checkpoint worker: it copies the write-ahead log into the database file while the bot's own connection
 * does not, it is stopped (connection closed) before the bot's connection closes, and when it cannot run the
 * bot's connection goes back to checkpointing by itself.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BACKSTOP_PAGES, startCheckpointer } from "../../../src/db/checkpointer.ts";
import { openDatabase, type Db } from "../../../src/db/client.ts";
import { testRuntime } from "../../helpers/runtime.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "chiendich-checkpoint-"));
  dirs.push(dir);
  return join(dir, "bot.db");
}

/** About 2.5 MB in 300 commits: some 650 log pages, fewer than SQLite's own checkpoint threshold (1,000). */
function writeALot(db: Db): void {
  db.$client.exec("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT)");
  const insert = db.$client.prepare("INSERT INTO filler (body) VALUES (?)");
  for (let i = 0; i < 300; i++) insert.run("x".repeat(8_000));
}

async function until(check: () => boolean, ms = 5_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe("checkpoint worker", () => {
  it("copies the log into the database file in the background, and is gone before the bot's connection closes", async () => {
    const path = tempDb();
    const rt = testRuntime({ env: { DATABASE_PATH: path } });
    expect(rt.db.$client.pragma("wal_autocheckpoint", { simple: true })).toBe(BACKSTOP_PAGES);
    const before = statSync(path).size;
    writeALot(rt.db);
    // Below 1,000 log pages SQLite itself would not have copied anything yet: the file grows only by the worker.
    expect(await until(() => statSync(path).size > before + 2_000_000)).toBe(true);
    rt.close();
    // The bot's connection was the last one: closing it folded the log in and removed it.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it("never keeps the process alive: a script that forgets to close the database still exits", () => {
    const path = tempDb();
    const script = join(path, "..", "forgets-to-close.mts");
    const src = resolve(import.meta.dirname, "../../../src");
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(join(src, "db/client.ts"))};
import { startCheckpointer } from ${JSON.stringify(join(src, "db/checkpointer.ts"))};
import { createLogger } from ${JSON.stringify(join(src, "logger.ts"))};
startCheckpointer(openDatabase(${JSON.stringify(path)}), ${JSON.stringify(path)}, createLogger("silent"));
console.log("started");`,
    );
    // A worker that kept the event loop alive would run into the timeout (and throw).
    const out = execFileSync(process.execPath, ["--import", "tsx", script], { cwd: resolve(src, ".."), timeout: 15_000, encoding: "utf8" });
    expect(out.trim()).toBe("started");
  });

  it("hands checkpointing back to the bot's connection when it cannot run", async () => {
    const path = tempDb();
    const db = openDatabase(path);
    const logger = pino({ level: "silent" });
    const error = vi.spyOn(logger, "error");
    const warn = vi.spyOn(logger, "warn");
    // The worker cannot open a database in a folder that does not exist.
    const checkpointer = startCheckpointer(db, join(path, "missing", "bot.db"), logger);
    expect(await until(() => db.$client.pragma("wal_autocheckpoint", { simple: true }) === 1_000)).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ error: expect.any(String) }), expect.stringContaining("checkpoint"));
    expect(error).toHaveBeenCalledWith(expect.stringContaining("checkpoints by itself"));
    checkpointer.stop();
    db.$client.close();
  });
});
