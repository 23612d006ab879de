/**
 * Copies the write-ahead log back into the database file from a worker thread, so the event loop never does it.
 *
 * In WAL mode every commit appends pages to the log, and SQLite copies them back (a checkpoint, with an fsync)
 * on the commit that takes the log past `wal_autocheckpoint` pages: about 10 ms, paid by whichever report
 * happened to cross it. Here a worker thread with its own connection runs a PASSIVE checkpoint every
 * `intervalMs`, which never blocks the bot's writes. The bot's connection keeps a high `wal_autocheckpoint` as a
 * backstop: if the worker falls behind or dies, the log still cannot grow past about 40 MB, and under continuous
 * writes (the log can only start over when a checkpoint has caught up between two commits) that backstop resets
 * it, cheaply, since the worker has already copied most of it.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { Db } from "./client.ts";

/** Log pages after which the bot's own connection checkpoints (4 KB pages: about 40 MB). */
export const BACKSTOP_PAGES = 10_000;

/** SQLite's own `wal_autocheckpoint`, for when the worker is gone. */
const SQLITE_DEFAULT_PAGES = 1_000;

/** The control words shared with the worker: [0] = 1 asks it to stop, [1] = 1 once it has closed its connection. */
const STOP = 0;
const CLOSED = 1;

/** The worker's code: plain CommonJS, so it needs no TypeScript loader (tsx, vitest) in its thread. */
const WORKER = `
const { workerData, parentPort } = require("node:worker_threads");
const control = new Int32Array(workerData.control);
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.path, { timeout: 1000 });
  const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
  let failing = false;
  while (Atomics.load(control, ${STOP}) === 0) {
    try {
      checkpoint.get();
      failing = false;
    } catch (err) {
      // Told once per run of failures, not ten times a second.
      if (!failing) parentPort.postMessage({ error: String(err && err.message) });
      failing = true;
    }
    Atomics.wait(control, ${STOP}, 0, workerData.intervalMs);
  }
} catch (err) {
  parentPort.postMessage({ error: String(err && err.message) });
} finally {
  if (db) db.close();
  Atomics.store(control, ${CLOSED}, 1);
  Atomics.notify(control, ${CLOSED});
}
`;

export interface Checkpointer {
  /** Stops the worker and waits (up to 2 s) until its connection is closed, so the bot's close can remove the log. */
  stop(): void;
}

/** Starts checkpointing the file database of `db` at `path` in the background. */
export function startCheckpointer(db: Db, path: string, logger: Logger, intervalMs = 100): Checkpointer {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, execArgv: [], workerData: { path, driver, control: control.buffer, intervalMs } });
  let stopped = false;
  worker.on("message", (m: { error?: string }) => logger.warn({ error: m.error }, "checkpoint worker: checkpoints are failing"));
  worker.on("error", (err) => logger.error({ error: err.message }, "checkpoint worker failed"));
  worker.on("exit", () => {
    if (stopped) return;
    logger.error("checkpoint worker stopped: the bot checkpoints by itself from now on");
    if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  });
  // After the listeners: adding a "message" listener refs the worker again, and it must never keep the process alive.
  worker.unref();
  db.$client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      Atomics.store(control, STOP, 1);
      Atomics.notify(control, STOP);
      Atomics.wait(control, CLOSED, 0, 2_000);
      void worker.terminate();
    },
  };
}
