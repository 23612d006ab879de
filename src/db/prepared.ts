/**
 * Statements compiled once per database. On the path every message takes, building a query's SQL (drizzle's
 * builders) and compiling it (SQLite) cost more than running it.
 */
import type { Statement } from "better-sqlite3";
import { sql, type Placeholder } from "drizzle-orm";
import type { Db } from "./client.ts";

/** `build` runs once per database; later calls with the same database return what it built. */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}

/** `{ key: sql.placeholder(key) }` for each key: the values of a prepared insert, filled when it runs. */
export function placeholders<K extends string>(...keys: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as Record<K, Placeholder<K>>;
}

/** A raw SQL statement compiled once per database. */
export function statement<Params extends unknown[] = unknown[], Row = unknown>(sql: string): (db: Db) => Statement<Params, Row> {
  return perDb((db) => db.$client.prepare<Params, Row>(sql));
}
