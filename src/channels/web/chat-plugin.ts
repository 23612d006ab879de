/**
 * The local chat page, a channel like the others: `/chat` lets you pick who you are (a unit's reporter, a leader,
 * a citizen), then talk to the bot through `core.handleMessage`, on platform "web", with its own members and the
 * same rules (a reporters' group bound to the campaign, private chats for citizens). Answers come back inline;
 * messages for other chats go through the outbox, and the outbox's "web" messages land in the sessions of that
 * chat. Plain forms with post-redirect-get; every POST carries the session's CSRF token.
 */
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";
import type { CampaignRegistry } from "../../core/campaign-registry.ts";
import type { Core } from "../../core/handle-message.ts";
import type { InboundMessage, Reply } from "../../core/types.ts";
import type { Db } from "../../db/client.ts";
import { bindChat } from "../../db/repos/chats.ts";
import { addReporterUnit, setMemberRole, upsertMember } from "../../db/repos/members.ts";
import type { I18n } from "../../i18n.ts";
import { redactPii } from "../../privacy/redact.ts";
import type { Outbox } from "../../scheduling/outbox.ts";
import { queueReplies } from "../types.ts";
import { chatPage, identityPage, type ChatPageCtx } from "./chat-pages.ts";
import { createSessionStore, sameSecret, type ChatSession, type WebIdentity } from "./chat-sessions.ts";
import { messagePage } from "./dashboard-pages.ts";
import { readCookie, securityHeaders, sendPage } from "./html.ts";

export interface ChatDeps {
  core: Core;
  db: Db;
  campaigns: CampaignRegistry;
  i18n: I18n;
  logger: Logger;
  /** Messages for other chats are queued here; the "web" sender is added to it. Without it they are delivered directly. */
  outbox?: Outbox;
  /** The core's clock (message dates). */
  now?: () => Date;
  /** Adds `Secure` to the cookie (set when the public URL is https). */
  secureCookies?: boolean;
  /** Largest form body, in bytes (default 32 KiB). */
  bodyLimit?: number;
}

const COOKIE = "cdb_chat";
const MAX_TEXT = 4000;

type Form = Record<string, string>;

function field(body: unknown, name: string): string {
  const v = body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === "string" ? v : "";
}

/** Reads the identity form's `as` value: `<campaign>|leader`, `<campaign>|citizen`, `<campaign>|unit|<code>`. */
export function parseIdentity(value: string, campaigns: CampaignRegistry): WebIdentity | null {
  const [campaignId = "", kind, code] = value.split("|");
  const campaign = campaigns.get(campaignId);
  if (!campaign) return null;
  if (kind === "leader" || kind === "citizen") return code === undefined ? { kind, campaignId } : null;
  if (kind === "unit" && campaign.units.some((u) => u.code === code)) return { kind: "reporter", campaignId, unitCode: code! };
  return null;
}

export function createChatPlugin(deps: ChatDeps): FastifyPluginAsync {
  const t = deps.i18n.t(deps.i18n.defaultLocale);
  const lang = deps.i18n.defaultLocale;
  const sessions = createSessionStore();
  const now = () => deps.now?.() ?? new Date();
  const pageCtx: ChatPageCtx = { t, lang, campaigns: deps.campaigns.list() };

  /** Shows a bot message in every session of the chat it is addressed to. */
  function deliver(reply: Reply & { to: { chatId: string } }): void {
    for (const s of sessions.inChat(reply.to.chatId)) {
      record(s, reply, true);
      sessions.trim(s);
    }
  }

  function record(s: ChatSession, r: Reply, pushed = false): void {
    const parts = [r.text ?? ""];
    if (r.attachment) parts.push(t("web:chat.attachment", { name: r.attachment.filename }));
    const text = parts.filter(Boolean).join("\n");
    if (!text && !r.buttons?.length) return;
    s.log.push({ from: "bot", text, reactions: [], ...(r.buttons?.length ? { buttons: r.buttons } : {}), ...(pushed ? { pushed } : {}) });
    for (const b of r.buttons?.flat() ?? []) s.offered.add(b.data);
  }

  /** Shows the answers to a message or action: here inline, elsewhere through the outbox. */
  function answer(s: ChatSession, msg: InboundMessage, replies: Reply[]): void {
    const elsewhere: Reply[] = [];
    const mine = [...s.log].reverse().find((e) => e.from === "me");
    for (const r of replies) {
      const here = !r.to || (r.to.platform === "web" && r.to.chatId === s.chatId);
      if (!here) {
        elsewhere.push(r);
        continue;
      }
      if (r.reaction && mine) mine.reactions.push(r.reaction);
      record(s, r);
    }
    if (deps.outbox) queueReplies(deps.outbox, msg, elsewhere);
    else for (const r of elsewhere) if (r.to?.platform === "web") deliver({ ...r, to: r.to });
    sessions.trim(s);
  }

  deps.outbox?.addSender("web", async (reply) => deliver(reply), { perSecond: 50, perChatPerMinute: 600 });

  function setCookie(reply: FastifyReply, s: ChatSession | null): void {
    const value = s ? `${COOKIE}=${s.id}; Max-Age=${12 * 3600}` : `${COOKIE}=; Max-Age=0`;
    void reply.header("set-cookie", `${value}; Path=/chat; HttpOnly; SameSite=Strict${deps.secureCookies ? "; Secure" : ""}`);
  }

  function badRequest(reply: FastifyReply, status = 400): FastifyReply {
    return sendPage(reply, status, messagePage(t, lang, "web:chat.badRequest", { href: "/chat", label: t("web:chat.back") }));
  }

  /** The session of a POST, when its cookie, its CSRF token and its origin are right. */
  function postSession(request: FastifyRequest): ChatSession | undefined {
    // Defence in depth beside the token: browsers say where a request comes from. (With no-referrer, Chrome
    // sends "Origin: null" for our own forms, so only a real, different origin is refused.)
    const site = request.headers["sec-fetch-site"];
    if (site === "cross-site" || site === "same-site") return undefined;
    const origin = request.headers.origin;
    if (origin && origin !== "null") {
      try {
        if (new URL(origin).host !== request.headers.host) return undefined;
      } catch {
        return undefined;
      }
    }
    const s = sessions.get(readCookie(request, COOKIE), Date.now());
    const token = field(request.body, "csrf");
    return s && token && sameSecret(token, s.csrf) ? s : undefined;
  }

  function startConversation(s: ChatSession, identity: WebIdentity, name: string): void {
    const campaign = deps.campaigns.get(identity.campaignId)!;
    const unit = identity.kind === "reporter" ? campaign.units.find((u) => u.code === identity.unitCode)! : undefined;
    s.senderName = name || (unit ? `${unit.name} (${unit.code})` : t(`console:names.${identity.kind}`));
    const member = upsertMember(deps.db, { platform: "web", platformUserId: s.senderId, displayName: s.senderName });
    // The page can make a leader or a reporter, never an admin.
    if (identity.kind === "leader") setMemberRole(deps.db, member.id, "leader");
    if (unit) addReporterUnit(deps.db, member.id, campaign.id, unit.code);
    s.identity = identity;
    s.log = [];
    s.offered.clear();
  }

  return async (app) => {
    app.addHook("onSend", securityHeaders);
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: deps.bodyLimit ?? 32 * 1024 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)) as Form);
    });
    app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500) request.log.error({ err }, "chat page failed");
      return badRequest(reply, status);
    });

    app.get("/chat", async (request, reply) => {
      let s = sessions.get(readCookie(request, COOKIE), Date.now());
      if (!s) {
        s = sessions.create(Date.now());
        setCookie(reply, s);
      }
      return sendPage(reply, 200, s.identity ? chatPage(pageCtx, s) : identityPage(pageCtx, s));
    });

    app.post("/chat/session", async (request, reply) => {
      const s = postSession(request);
      const identity = parseIdentity(field(request.body, "as"), deps.campaigns);
      if (!s || !identity) return badRequest(reply);
      const where = identity.kind !== "citizen" && field(request.body, "where") !== "private" ? "group" : "private";
      const name = field(request.body, "name").replace(/[\p{Cc}\p{Cf}]/gu, "").trim().slice(0, 60);
      startConversation(s, identity, name);
      s.chatType = where;
      s.chatId = where === "group" ? `group-${identity.campaignId}` : s.senderId;
      if (where === "group") {
        const campaign = deps.campaigns.get(identity.campaignId)!;
        bindChat(deps.db, { platform: "web", chatId: s.chatId, campaignId: campaign.id, purpose: "reports", title: campaign.name });
      }
      return reply.redirect("/chat", 303);
    });

    app.post("/chat/messages", async (request, reply) => {
      const s = postSession(request);
      const text = field(request.body, "text").trim();
      if (!s?.identity || !text || text.length > MAX_TEXT) return badRequest(reply);
      // The page shows the sender's own words back, but personal numbers never stay in memory in the clear.
      s.log.push({ from: "me", text: redactPii(text).text, reactions: [] });
      const msg: InboundMessage = {
        platform: "web",
        chatId: s.chatId,
        chatType: s.chatType,
        ...(s.chatType === "group" ? { chatTitle: deps.campaigns.get(s.identity.campaignId)?.name } : {}),
        senderId: s.senderId,
        senderName: s.senderName,
        text,
        messageId: randomBytes(9).toString("base64url"),
        date: now(),
        addressedToBot: s.chatType === "private" || /@bot\b/i.test(text),
      };
      answer(s, msg, await deps.core.handleMessage(msg));
      return reply.redirect("/chat#end", 303);
    });

    app.post("/chat/actions", async (request, reply) => {
      const s = postSession(request);
      const data = field(request.body, "data");
      if (!s?.identity || !data || !s.offered.has(data)) return badRequest(reply);
      const messageId = randomBytes(9).toString("base64url");
      const replies = await deps.core.handleAction({ platform: "web", chatId: s.chatId, chatType: s.chatType, senderId: s.senderId, senderName: s.senderName, data, messageId });
      const msg: InboundMessage = { platform: "web", chatId: s.chatId, chatType: s.chatType, senderId: s.senderId, senderName: s.senderName, text: "", messageId, date: now() };
      answer(s, msg, replies);
      return reply.redirect("/chat#end", 303);
    });

    app.post("/chat/logout", async (request, reply) => {
      const s = postSession(request);
      if (!s) return badRequest(reply);
      sessions.delete(s.id);
      setCookie(reply, null);
      return reply.redirect("/chat", 303);
    });
  };
}
