/**
 * Keeps the zca-js listener up. Every `error` is handled (an unhandled one would kill the process); a `closed`
 * with any code but 3000/3003 reconnects with exponential backoff and jitter and, once connected again, asks for
 * the messages sent meanwhile (`requestOldMessages`), which go through the same path as live ones. 3000 (Zalo
 * Web opened elsewhere), 3003 (kicked by a new login) and an expired session stop it: retrying would only fight
 * the other session, so a person has to act.
 */
import type { Logger } from "pino";
import type { ZaloApi } from "./api.ts";
import { ZaloCredentialsError } from "./credentials.ts";
import { idString } from "./inbound.ts";
import { CloseReason, ThreadType, ZaloApiError, type GroupEvent, type Message, type Undo } from "./zca.ts";

export type FatalReason = "duplicate" | "kicked" | "expired";

export interface ZaloConnectionOptions {
  /** Logs in (the real one: `new Zalo({ checkUpdate: false, selfListen: true }).login(saved)`). */
  login: () => Promise<ZaloApi>;
  /** Whether a failed reconnect may log in again from the saved session (false when the API was given). */
  canRelogin: boolean;
  handlers: {
    message(message: Message): void;
    oldMessages(messages: Message[], type: ThreadType): void;
    undo(undo: Undo): void;
    groupEvent(event: GroupEvent): void;
  };
  onUp(api: ZaloApi): void;
  onReconnecting(attempt: number, delayMs: number, cause: string): void;
  /** The session cannot continue without a person: another Zalo Web, a new login, or expired cookies. */
  onFatal(reason: FatalReason, cause: string): void;
  logger: Logger;
  /** First reconnect delay (default 1,000 ms), doubled per failure up to `maxDelayMs` (default 5 minutes). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Failed reconnects before logging in again from the saved session (default 5). */
  reloginAfter?: number;
  random?: () => number;
}

export interface ZaloConnection {
  start(): Promise<void>;
  stop(): void;
  /**
   * The session to send with (sends are HTTP calls: they work while the listener reconnects), or undefined
   * before login, after `stop()` or after a fatal close.
   */
  api(): ZaloApi | undefined;
  /** Whether the listener is connected. */
  connected(): boolean;
}

/** A login failure that retrying will not fix: the saved session is missing, invalid or expired. */
export function isSessionError(err: unknown): boolean {
  return err instanceof ZaloCredentialsError || err instanceof ZaloApiError || (err as { name?: unknown })?.name === "ZcaApiError";
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createZaloConnection(opts: ZaloConnectionOptions): ZaloConnection {
  const { logger } = opts;
  const base = opts.baseDelayMs ?? 1_000;
  const cap = opts.maxDelayMs ?? 5 * 60_000;
  const reloginAfter = opts.reloginAfter ?? 5;
  const random = opts.random ?? Math.random;
  let session: ZaloApi | undefined;
  let connected = false;
  let stopped = false;
  let fatal = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let detach: (() => void) | undefined;
  /** The newest message id seen per thread type: what to ask Zalo for after a reconnect. */
  const lastIds = new Map<ThreadType, string>();

  const note = (m: Message) => lastIds.set(m.type, idString(m.data.msgId));

  function attach(api: ZaloApi): void {
    const l = api.listener;
    const onConnected = () => {
      const wasReconnect = attempt > 0;
      attempt = 0;
      connected = true;
      logger.info({ reconnect: wasReconnect }, "zalo: listener connected");
      if (wasReconnect) {
        for (const type of [ThreadType.Group, ThreadType.User]) {
          try {
            l.requestOldMessages(type, lastIds.get(type) ?? null);
          } catch (err) {
            logger.warn({ err: describe(err) }, "zalo: could not ask for missed messages");
          }
        }
      }
      opts.onUp(api);
    };
    const onClosed = (code: CloseReason, reason: string) => {
      connected = false;
      if (stopped || fatal) return;
      if (code === CloseReason.DuplicateConnection || code === CloseReason.KickConnection) {
        die(code === CloseReason.DuplicateConnection ? "duplicate" : "kicked", `closed ${code}${reason ? `: ${reason}` : ""}`);
        return;
      }
      schedule(`closed ${code}${reason ? `: ${reason}` : ""}`);
    };
    // A WebSocket error is followed by `closed`, which reconnects; here it is only logged.
    const onError = (err: unknown) => logger.warn({ err: describe(err) }, "zalo: listener error");
    const onMessage = (m: Message) => {
      note(m);
      opts.handlers.message(m);
    };
    const onOld = (ms: Message[], type: ThreadType) => {
      for (const m of ms) note(m);
      opts.handlers.oldMessages(ms, type);
    };
    const onUndo = (u: Undo) => opts.handlers.undo(u);
    const onGroup = (e: GroupEvent) => opts.handlers.groupEvent(e);
    l.on("connected", onConnected);
    l.on("closed", onClosed);
    l.on("error", onError);
    l.on("message", onMessage);
    l.on("old_messages", onOld);
    l.on("undo", onUndo);
    l.on("group_event", onGroup);
    detach = () => {
      l.off("connected", onConnected);
      l.off("closed", onClosed);
      l.off("message", onMessage);
      l.off("old_messages", onOld);
      l.off("undo", onUndo);
      l.off("group_event", onGroup);
      // `error` stays handled: a late socket error on a dropped listener must not kill the process.
    };
  }

  function die(reason: FatalReason, cause: string): void {
    fatal = true;
    connected = false;
    clearTimeout(timer);
    logger.error({ reason, cause }, "zalo: session stopped, a person must act (see /healthz)");
    try {
      session?.listener.stop();
    } catch {
      // already closed
    }
    opts.onFatal(reason, cause);
  }

  function schedule(cause: string): void {
    attempt += 1;
    const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
    const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    logger.warn({ attempt, delayMs: delay, cause }, "zalo: listener down, reconnecting");
    opts.onReconnecting(attempt, delay, cause);
    clearTimeout(timer);
    timer = setTimeout(() => void reconnect(), delay);
  }

  async function login(): Promise<boolean> {
    try {
      const api = await opts.login();
      if (stopped) return false;
      detach?.();
      session = api;
      attach(api);
      return true;
    } catch (err) {
      if (isSessionError(err)) die("expired", describe(err));
      else schedule(`login failed: ${describe(err)}`);
      return false;
    }
  }

  function listen(): void {
    try {
      session!.listener.start();
    } catch (err) {
      schedule(`listener start failed: ${describe(err)}`);
    }
  }

  async function reconnect(): Promise<void> {
    if (stopped || fatal) return;
    // No session yet (the first login failed on the network), or the socket keeps refusing: log in again.
    const relogin = !session || (opts.canRelogin && attempt > reloginAfter);
    if (relogin && !(await login())) return;
    listen();
  }

  return {
    async start() {
      stopped = false;
      if (await login()) listen();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      connected = false;
      try {
        session?.listener.stop();
      } catch {
        // not started
      }
      detach?.();
    },
    api: () => (fatal || stopped ? undefined : session),
    connected: () => connected,
  };
}
