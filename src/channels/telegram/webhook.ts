/**
 * The webhook route: the secret is checked in constant time before the body is read (a forged request costs
 * nothing and gets 401), the body must look like an Update (else 400), then grammY's `webhookCallback` hands it
 * to the bot. Handling only parses, stores and queues, so Telegram gets its 200 in milliseconds; sending happens
 * in the outbox.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { BotError, webhookCallback, type Bot } from "grammy";
import type { Logger } from "pino";

export const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export interface WebhookOptions {
  bot: Bot;
  /** Route path, e.g. `/telegram/webhook`. */
  path: string;
  /** The `secret_token` given to `setWebhook`. */
  secret: string;
  /** Answer 200 anyway after this long, and let the work finish (default 8,000 ms; Telegram waits longer). */
  timeoutMs?: number;
  logger: Logger;
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Constant-time comparison (hashing first makes the length of a wrong guess irrelevant too). */
export function secretMatches(header: unknown, secret: string): boolean {
  return typeof header === "string" && timingSafeEqual(digest(header), digest(secret));
}

/** A secret derived from the bot token, for when `TELEGRAM_WEBHOOK_SECRET` is not set: the webhook is never open. */
export function deriveSecret(token: string): string {
  return createHash("sha256").update(`chiendich-bot webhook:${token}`).digest("base64url");
}

function looksLikeUpdate(body: unknown): boolean {
  return typeof body === "object" && body !== null && !Array.isArray(body) && Number.isSafeInteger((body as { update_id?: unknown }).update_id);
}

export function createWebhookPlugin({ bot, path, secret, timeoutMs = 8_000, logger }: WebhookOptions): FastifyPluginAsync {
  const handle = webhookCallback(bot, "fastify", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: timeoutMs });
  return async (app) => {
    app.post(path, {
      onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
        if (!secretMatches(request.headers[SECRET_HEADER], secret)) return reply.code(401).send({ error: "unauthorized" });
      },
      preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
        if (!looksLikeUpdate(request.body)) return reply.code(400).send({ error: "not a Telegram update" });
      },
      handler: async (request, reply) => {
        try {
          await handle(request, reply);
        } catch (err) {
          // Not handled (the database was unavailable): Telegram sends the update again after a non-2xx answer.
          // The error carries the update and its text, so only its cause's message is logged.
          const cause = err instanceof BotError ? err.error : err;
          logger.warn({ update: (request.body as { update_id: number }).update_id, error: String((cause as Error)?.message ?? cause) }, "telegram: update not handled, asking for it again");
          return reply.code(503).send({ error: "try again later" });
        }
        return reply;
      },
    });
  };
}
