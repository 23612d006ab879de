/**
 * The Zalo channel: a personal Zalo account driven through Zalo Web by zca-js (no webhook: a WebSocket
 * listener). Messages are mapped to core types and handled in arrival order; the core's replies are queued in
 * the outbox, which sends them through `sender` at a pace Zalo tolerates (`pacing`). The session is saved again
 * every 10 minutes and at `stop()`, because Zalo rotates its cookies.
 */
import type { Config } from "../../config.ts";
import type { ChannelError, InboundMessage } from "../../core/types.ts";
import { getChatBinding } from "../../db/repos/chats.ts";
import type { Pacing, Sender } from "../../scheduling/outbox.ts";
import { queueReplies, type ChannelDeps, type ServedChannel } from "../types.ts";
import type { ZaloApi } from "./api.ts";
import { createZaloConnection, type FatalReason } from "./connection.ts";
import { createCredentialStore, credentialsPath, currentCredentials, type CredentialStore } from "./credentials.ts";
import { NOT_CONNECTED } from "./errors.ts";
import { idString, membershipChange, messageHandle, recalledMessage, toInboundMessage } from "./inbound.ts";
import { createZaloMemory } from "./memory.ts";
import { createZaloSender } from "./sender.ts";
import { ThreadType, type GroupEvent, type Message } from "./zca.ts";

export type { ZaloApi, ZaloCredentials, ZaloListener } from "./api.ts";
export { createCredentialStore, credentialsPath, type CredentialStore } from "./credentials.ts";
export { createZaloLogin } from "./login.ts";
export { toInboundMessage, recalledMessage } from "./inbound.ts";

/**
 * Zalo's pace from the configuration. Defaults: 30 sends a minute overall (one every 2 s), 6 a minute per chat,
 * up to 1.5 s of random extra delay: a blast to 100 groups takes about 4 minutes instead of seconds.
 */
export function zaloPacing(config: Pick<Config, "ZALO_SENDS_PER_MINUTE" | "ZALO_SENDS_PER_CHAT_PER_MINUTE" | "ZALO_JITTER_MS">): Pacing {
  return { perSecond: config.ZALO_SENDS_PER_MINUTE / 60, perChatPerMinute: config.ZALO_SENDS_PER_CHAT_PER_MINUTE, jitterMs: config.ZALO_JITTER_MS };
}

export interface ZaloChannelOptions extends ChannelDeps {
  /** A session already logged in (tests pass a fake); otherwise `login` is called at `start()`. */
  api?: ZaloApi;
  /** Logs in from the saved session: `createZaloLogin(store)` in production. Needed when `api` is not given. */
  login?: () => Promise<ZaloApi>;
  /** Tells the admins on the other channels (Telegram…); the text is in the default locale. Also logged. */
  alert?: (text: string) => void;
  /** Where the session is saved; default: `ZALO_CREDENTIALS_PATH` or beside the database. */
  credentials?: CredentialStore | null;
  /** How often the rotating cookies are saved (default 10 minutes). */
  saveEveryMs?: number;
  /** Reconnect backoff (defaults: 1 s doubling to 5 minutes, half of it random). */
  reconnect?: { baseDelayMs?: number; maxDelayMs?: number; random?: () => number };
  now?: () => number;
}

export type ZaloChannel = ServedChannel & {
  sender: Sender;
  pacing: Pacing;
  /** Wire to the outbox's `onRateLimited` for "zalo": shows the pause in `/healthz` and tells the admins once. */
  rateLimited(retryAfterSeconds: number, error: ChannelError): void;
  /** Saves the current session now; false when there is none to save. */
  saveCredentials(): boolean;
};

type Health = ReturnType<ServedChannel["health"]>;

export function createZaloChannel(deps: ZaloChannelOptions): ZaloChannel {
  const { config, core, outbox, db, i18n, logger } = deps;
  const t = i18n.t(i18n.defaultLocale);
  const now = deps.now ?? Date.now;
  const store = deps.credentials === undefined ? createCredentialStore(credentialsPath(config)) : deps.credentials;
  const memory = createZaloMemory(db);
  const pacing = zaloPacing(config);
  let health: Health = { state: "off" };
  let ownId = "";
  let saveTimer: NodeJS.Timeout | undefined;
  let pausedUntil = 0;
  /** Inbound work runs one message at a time, so a chat's reports are read in the order they were sent. */
  let inbound: Promise<void> = Promise.resolve();

  const alert = (text: string) => {
    logger.warn({ alert: text }, "zalo: alerting admins");
    try {
      deps.alert?.(text);
    } catch (err) {
      logger.error({ err }, "zalo: alert failed");
    }
  };

  function serially(what: string, work: () => Promise<void> | void): void {
    inbound = inbound.then(work).catch((err: unknown) => logger.error({ err }, `zalo: ${what} failed`));
  }

  async function handleMessage(m: Message): Promise<void> {
    memory.threadTypes.set(m.threadId, m.type);
    if (m.isSelf) return;
    memory.messages.set(idString(m.data.msgId), messageHandle(m));
    const msg = toInboundMessage(m, ownId);
    if (!msg) return;
    const data = memory.choice(msg.chatId, msg.text, now());
    if (data) return answerChoice(msg, data);
    await core.handleMessage(msg, (replies) => queueReplies(outbox, msg, replies));
  }

  /** "1" after a numbered list: the button it stands for, pressed by this sender. */
  async function answerChoice(msg: InboundMessage, data: string): Promise<void> {
    const { platform, chatId, chatType, senderId, senderName, messageId } = msg;
    const action = { platform, chatId, chatType, senderId, senderName, data, messageId, eventId: `a${messageId}` };
    await core.handleAction(action, (replies) => queueReplies(outbox, msg, replies));
  }

  function handleGroupEvent(e: GroupEvent): void {
    const change = membershipChange(e, ownId);
    if (change === "added") {
      memory.threadTypes.set(e.threadId, ThreadType.Group);
      logger.info({ chat: e.threadId }, "zalo: added to a group");
      outbox.enqueue({ to: { platform: "zalo", chatId: e.threadId }, text: t("zalo:addedToGroup") }, { dedupeKey: `zalo:greet:${e.threadId}:${"time" in e.data ? e.data.time : ""}` });
    } else if (change === "removed") {
      const binding = getChatBinding(db, "zalo", e.threadId);
      logger.warn({ chat: e.threadId, campaign: binding?.campaignId }, "zalo: removed from a group");
      if (binding) alert(t("zalo:alert.removed", { group: binding.title ?? e.threadId, campaign: binding.campaignId }));
    }
  }

  function saveCredentials(): boolean {
    const api = connection.api();
    if (!store || !api) return false;
    try {
      const c = currentCredentials(api);
      if (!c) return false;
      store.save(c);
      return true;
    } catch (err) {
      logger.error({ err, path: store.path }, "zalo: could not save the session");
      return false;
    }
  }

  const fatalDetail = (reason: FatalReason) => t(`zalo:health.${reason}`);

  const connection = createZaloConnection({
    login: deps.api ? async () => deps.api! : deps.login ?? (async () => Promise.reject(new Error("createZaloChannel: neither api nor login given"))),
    canRelogin: !deps.api && !!deps.login,
    handlers: {
      message: (m) => serially("message", () => handleMessage(m)),
      oldMessages: (ms, type) => {
        logger.info({ count: ms.length, type }, "zalo: missed messages fetched after a reconnect");
        for (const m of ms) serially("missed message", () => handleMessage(m));
      },
      undo: (u) => {
        const ref = recalledMessage(u);
        if (ref) serially("recall", () => core.handleRecall(ref));
      },
      groupEvent: (e) => serially("group event", () => handleGroupEvent(e)),
    },
    onUp(api) {
      ownId = api.getOwnId();
      health = { state: "up" };
      saveCredentials();
    },
    onReconnecting(attempt, _delay, cause) {
      health = { state: "down", detail: t("zalo:health.reconnecting", { attempt, cause }) };
    },
    onFatal(reason, cause) {
      health = { state: "down", detail: fatalDetail(reason) };
      clearInterval(saveTimer);
      alert(t(`zalo:alert.${reason}`, { cause }));
    },
    logger,
    ...deps.reconnect,
  });

  const sender = createZaloSender({ api: connection.api, memory, t, pauseSeconds: config.ZALO_PAUSE_SECONDS, logger, now });

  return {
    platform: "zalo",
    sender,
    pacing,
    saveCredentials,
    async start() {
      health = { state: "starting" };
      await connection.start();
      const api = connection.api();
      if (api) ownId = api.getOwnId();
      if (store) saveTimer = setInterval(saveCredentials, deps.saveEveryMs ?? 10 * 60_000).unref();
    },
    async stop() {
      clearInterval(saveTimer);
      saveCredentials();
      connection.stop();
      await inbound;
      health = { state: "off" };
    },
    send: (reply) => sender(reply),
    health: () => (health.state === "up" && pausedUntil > now() ? { state: "up", detail: t("zalo:health.paused", { until: new Date(pausedUntil).toISOString() }) } : health),
    rateLimited(retryAfterSeconds, error) {
      if (error.message === NOT_CONNECTED) return; // the session is down: its own alert was sent
      const until = now() + retryAfterSeconds * 1000;
      const alreadyPaused = pausedUntil > now();
      pausedUntil = Math.max(pausedUntil, until);
      if (!alreadyPaused) alert(t("zalo:alert.rateLimited", { minutes: Math.ceil(retryAfterSeconds / 60), error: error.message }));
    },
  };
}
