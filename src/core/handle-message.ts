/**
 * The one entry point for every inbound message, whatever the channel: idempotency, who is speaking, which
 * campaign the chat is about, then a command, a natural phrase, or a listener (report ingestion, citizen
 * questions). Errors end here: logged with context, answered politely.
 */
import type { Campaign } from "../campaigns/schema.ts";
import { isStorageUnavailable } from "../db/client.ts";
import { getChatBinding } from "../db/repos/chats.ts";
import { claimEvent, isEventProcessed } from "../db/repos/events.ts";
import { upsertMember } from "../db/repos/members.ts";
import type { Locale } from "../i18n.ts";
import { redactPii, type PiiKind } from "../privacy/redact.ts";
import { resolveCampaign, say, type CoreDeps, type Ctx } from "./context.ts";
import { isAllowed, type Feature } from "./feature.ts";
import { createReplyLimiter, type ReplyLimits } from "./reply-limiter.ts";
import { createRouter } from "./router.ts";
import { primaryRole, resolveRoles } from "./roles.ts";
import { RetryLater, type InboundAction, type InboundMessage, type Reply } from "./types.ts";

/** A listener sees every message no command or phrase took; it returns null when the message is not for it. */
export type Listener = (ctx: Ctx) => Reply[] | null | Promise<Reply[] | null>;

/** Handles a button press whose data starts with its key (`reg:approve:12` → key `reg`, rest `approve:12`). */
export type ActionHandler = (ctx: Ctx, rest: string) => Reply[] | Promise<Reply[]>;

export interface CoreOptions {
  features: readonly Feature[];
  /** Tried in order after routing fails. */
  listeners?: readonly Listener[];
  actions?: Readonly<Record<string, ActionHandler>>;
  /** Flood limits on answers (default 8 per sender and 20 per chat, per minute). */
  replyLimits?: ReplyLimits;
  /** Called when a message is recalled or deleted (Zalo "undo"): its report is withdrawn. */
  onRecall?: (deps: CoreDeps, ref: MessageRef) => void;
}

/** A message on a platform, by id. */
export interface MessageRef {
  platform: InboundMessage["platform"];
  chatId: string;
  messageId: string;
}

/**
 * Takes the replies to an event, synchronously (a channel queues them in the outbox). It runs in the same
 * transaction that marks the event handled: after a crash, either both happened or neither did.
 */
export type Deliver = (replies: Reply[]) => void;

export interface HandleOptions {
  /**
   * The platform sends the event again when told so: when the database is unavailable, `handleMessage` throws
   * `RetryLater` instead of answering with an apology, and the event is handled when it comes back.
   */
  redelivered?: boolean;
}

export interface Core {
  /** Handles a message; its replies go to `deliver` when given (and are returned all the same). */
  handleMessage(msg: InboundMessage, deliver?: Deliver, options?: HandleOptions): Promise<Reply[]>;
  /** A button press; replies go to the chat it came from unless they say otherwise. */
  handleAction(action: InboundAction, deliver?: Deliver): Promise<Reply[]>;
  /** A message was recalled or deleted. */
  handleRecall(ref: MessageRef): void;
  /** Builds the context of a message without handling it (channels use it for button presses). */
  contextFor(msg: InboundMessage, pii?: readonly PiiKind[]): Ctx;
  readonly features: readonly Feature[];
}

/** The key that makes a second delivery of the same event a no-op. */
export function eventKey(msg: InboundMessage): string {
  const id = msg.eventId ?? (msg.edited ? `${msg.messageId}:edit:${msg.date.getTime()}` : msg.messageId);
  return `${msg.chatId}:${id}`;
}

export function createCore(deps: CoreDeps, options: CoreOptions): Core {
  const router = createRouter(options.features);
  const listeners = options.listeners ?? [];
  const maxLength = deps.maxMessageLength ?? 20_000;
  const log = deps.logger;
  const limiter = createReplyLimiter(options.replyLimits);
  let handled = 0;
  /** Events being handled right now: a concurrent second delivery waits for nothing and does nothing. */
  const inFlight = new Set<string>();

  /** Records the event as handled and hands its replies on, atomically; an event recorded before is not answered twice. */
  function settle(platform: InboundMessage["platform"], key: string, replies: Reply[], deliver: Deliver | undefined): Reply[] {
    return deps.db.transaction(() => {
      if (!claimEvent(deps.db, platform, key)) return [];
      deliver?.(replies);
      return replies;
    });
  }

  function contextFor(msg: InboundMessage, pii: readonly PiiKind[] = []): Ctx {
    const member = upsertMember(deps.db, {
      platform: msg.platform,
      platformUserId: msg.senderId,
      displayName: msg.senderName,
    });
    const { roles, units } = resolveRoles(deps.db, member, deps.admins);
    const binding = getChatBinding(deps.db, msg.platform, msg.chatId);
    const campaign: Campaign | undefined = resolveCampaign(deps.campaigns, binding, units);
    const locale = (member.locale ?? deps.i18n.defaultLocale) as Locale;
    return {
      deps,
      msg,
      member,
      roles,
      units,
      binding,
      campaign,
      locale,
      t: deps.i18n.t(locale),
      now: deps.now?.() ?? new Date(),
      pii,
    };
  }

  /** Hands on the answer to an event that failed; it is not recorded as handled, so a re-delivery is handled afresh. */
  function failed(replies: Reply[], deliver: Deliver | undefined): Reply[] {
    try {
      deliver?.(replies);
    } catch (err) {
      log.error({ err }, "could not queue the answer to a failed event");
    }
    return replies;
  }

  /** Applies the flood limits to the answers in the chat itself (messages to other chats are not counted). */
  function limit(ctx: Ctx, replies: Reply[]): Reply[] {
    if (++handled % 500 === 0) limiter.sweep();
    // A bare reaction is the quiet acknowledgement of a report, not an answer that floods the chat.
    const here = (r: Reply) => (!r.to || (r.to.platform === ctx.msg.platform && r.to.chatId === ctx.msg.chatId)) && (r.text !== undefined || r.attachment !== undefined);
    if (!replies.some(here)) return replies;
    const decision = limiter.check(`${ctx.msg.platform}:${ctx.msg.chatId}`, ctx.msg.senderId, ctx.now.getTime());
    if (decision === "ok") return replies;
    log.warn({ platform: ctx.msg.platform, chat: ctx.msg.chatId, sender: ctx.msg.senderId, decision }, "reply limit reached");
    const others = replies.filter((r) => !here(r));
    return decision === "warn" ? [...others, say(ctx.t("common:slowDown"), { replyTo: ctx.msg.messageId })] : others;
  }

  async function dispatch(ctx: Ctx): Promise<Reply[]> {
    const { msg, t } = ctx;
    const addressed = msg.chatType === "private" || msg.addressedToBot === true;
    const route = router.route(msg.text);
    if (route) {
      // In a group, a phrase is only a guess: act on it when the bot was addressed or the chat is bound.
      if (route.via === "phrase" && !addressed && !ctx.binding) return [];
      const { feature } = route;
      if (feature.where && feature.where !== msg.chatType) {
        return [say(t(`common:where.${feature.where}`, { command: `/${feature.commands[0]}` }))];
      }
      if (!isAllowed(feature, ctx.roles)) {
        return [
          say(
            t("common:refused", {
              command: `/${feature.commands[0]}`,
              needed: feature.allow!.map((r) => t(`common:roles.${r}`)).join(t("common:or")),
              role: t(`common:roles.${primaryRole(ctx.roles)}`),
            }),
          ),
        ];
      }
      return feature.run(ctx, route.args);
    }
    if (router.isUnknownCommand(msg.text)) return [say(t("common:unknownCommand"))];
    if (msg.chatType === "group" && !ctx.binding && !msg.addressedToBot) return [];
    for (const listener of listeners) {
      const replies = await listener(ctx);
      if (replies) return replies;
    }
    return addressed ? [say(t("common:unknown"))] : [];
  }

  return {
    features: options.features,
    contextFor,
    async handleAction(action, deliver) {
      const key = `${action.chatId}:action:${action.eventId ?? `${action.messageId}:${action.data}:${action.senderId}`}`;
      // A double click: the second press waits for nothing and does nothing.
      if (inFlight.has(key) || isEventProcessed(deps.db, action.platform, key)) return [];
      inFlight.add(key);
      try {
        const [prefix, ...rest] = action.data.split(":");
        const handler = options.actions?.[prefix ?? ""];
        const ctx = contextFor({ ...action, text: "", messageId: action.messageId ?? "", date: deps.now?.() ?? new Date() });
        if (!handler) return failed([say(ctx.t("common:unknownAction"))], deliver);
        return settle(action.platform, key, await handler(ctx, rest.join(":")), deliver);
      } catch (err) {
        log.error({ err, platform: action.platform, chat: action.chatId }, "action handling failed");
        return failed([say(deps.i18n.t(deps.i18n.defaultLocale)("common:error"))], deliver);
      } finally {
        inFlight.delete(key);
      }
    },
    handleRecall(ref) {
      try {
        options.onRecall?.(deps, ref);
      } catch (err) {
        log.error({ err, ...ref }, "recall handling failed");
      }
    },
    async handleMessage(msg, deliver, handling) {
      const started = Date.now();
      const key = eventKey(msg);
      // The event is recorded as handled only after its work is stored: a crash in between means the platform
      // re-sends it and it is handled again, and report storage is itself idempotent by message id.
      if (inFlight.has(key) || isEventProcessed(deps.db, msg.platform, key)) {
        log.debug({ platform: msg.platform, chat: msg.chatId, message: msg.messageId }, "duplicate event ignored");
        return [];
      }
      inFlight.add(key);
      try {
        if (msg.text.length > maxLength) {
          const ctx = contextFor({ ...msg, text: "" });
          const addressed = msg.chatType === "private" || msg.addressedToBot || ctx.binding;
          return settle(msg.platform, key, addressed ? [say(ctx.t("common:tooLong", { max: maxLength.toLocaleString("vi-VN") }))] : [], deliver);
        }
        // CCCD, phone numbers and OTPs never go further than this line in the clear: not to the database,
        // not to the logs, not to a feature.
        const redacted = redactPii(msg.text);
        const ctx = contextFor({ ...msg, text: redacted.text }, redacted.found);
        const replies = settle(msg.platform, key, limit(ctx, await dispatch(ctx)), deliver);
        log.debug({ platform: msg.platform, chat: msg.chatId, message: msg.messageId, replies: replies.length, ms: Date.now() - started }, "handled");
        return replies;
      } catch (err) {
        if (handling?.redelivered && isStorageUnavailable(err)) {
          log.warn({ platform: msg.platform, chat: msg.chatId, message: msg.messageId, error: (err as Error).message }, "database unavailable: the platform will send the message again");
          throw new RetryLater("database unavailable", { cause: err });
        }
        log.error({ err, platform: msg.platform, chat: msg.chatId, message: msg.messageId }, "message handling failed");
        const t = deps.i18n.t(deps.i18n.defaultLocale);
        // In a bound group a silent failure would look like an accepted report: say so there too.
        let bound = false;
        try {
          bound = getChatBinding(deps.db, msg.platform, msg.chatId) !== undefined;
        } catch {
          bound = false;
        }
        return failed(msg.chatType === "private" || msg.addressedToBot || bound ? [say(t("common:error"), { replyTo: msg.messageId })] : [], deliver);
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
