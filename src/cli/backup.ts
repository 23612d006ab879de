/**
 * `npm run backup -- <file>`: a consistent copy of the live database while the bot runs (SQLite's online backup
 * API), then checked with `PRAGMA integrity_check`. The copy is made in one step: copied page by page, a busy
 * bot's writes would restart it again and again; in one step it reads one snapshot, and in WAL mode the bot's
 * writers are not blocked meanwhile.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { ConfigError, loadConfig } from "../config.ts";

export async function backupDatabase(source: string, target: string): Promise<{ pages: number; integrity: string }> {
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  await mkdir(dirname(resolve(target)), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    const { totalPages } = await db.backup(target, { progress: () => 1_000_000_000 });
    const copy = new Database(target, { readonly: true });
    try {
      const integrity = String(copy.pragma("integrity_check", { simple: true }));
      return { pages: totalPages, integrity };
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const target = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!target) {
    process.stderr.write("Usage: npm run backup -- <file>\n");
    process.exit(2);
  }
  const config = loadConfig();
  const { pages, integrity } = await backupDatabase(config.DATABASE_PATH, target);
  if (integrity !== "ok") {
    process.stderr.write(`Backup written to ${target} but the copy failed its integrity check: ${integrity}\n`);
    process.exit(1);
  }
  process.stdout.write(`Backup of ${config.DATABASE_PATH} written to ${target} (${pages} pages, integrity ok)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
    process.exit(1);
  });
}
