/** Opens the SQLite database with the pragmas the bot relies on and applies the migrations. */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema.ts";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");

/** Wraps a failure to open or migrate the database. */
export class DatabaseError extends Error {
  readonly code = "DATABASE_UNAVAILABLE";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
  }
}

/**
 * Opens (creating its folder) and migrates the database at `path`; `":memory:"` gives a private in-memory one.
 * WAL for concurrent readers, foreign keys on, and a 5 s busy timeout so a second process waits instead of failing.
 */
export function openDatabase(path: string): Db {
  try {
    if (path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
    const sqlite = new Database(path, { timeout: 5000 });
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    const db = drizzle(sqlite, { schema }) as Db;
    migrate(db, { migrationsFolder: MIGRATIONS });
    return db;
  } catch (cause) {
    throw new DatabaseError(`cannot open the database at ${path}: ${(cause as Error).message}`, { cause });
  }
}

/** SQLite's codes for a database that cannot take a write now but may later (busy, locked, full, I/O, read-only). */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|READONLY|CANTOPEN)/;

/** True when `err` (or what it wraps) says the database is unavailable for now, not that the query is wrong. */
export function isStorageUnavailable(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    if (e instanceof DatabaseError || UNAVAILABLE.test(String((e as { code?: unknown }).code ?? ""))) return true;
  }
  return false;
}

/** True when the database answers a trivial query. */
export function isDatabaseHealthy(db: Db): boolean {
  try {
    return db.$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    return false;
  }
}
