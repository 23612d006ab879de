/**
 * The Fastify app: a plugin-shaped factory that tests build and drive with `app.inject()`. Channels add their
 * own routes (webhooks) through `register`.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from "fastify";
import type { Logger } from "pino";
import type { CampaignRegistry } from "../core/campaign-registry.ts";
import type { Channel, Platform } from "../core/types.ts";
import { isDatabaseHealthy, type Db } from "../db/client.ts";

export interface AppDeps {
  db: Db;
  campaigns: CampaignRegistry;
  logger: Logger;
  /** Configured channels; those not listed are reported as "off". */
  channels?: readonly Channel[];
  /** Extra routes (webhooks, pages). */
  plugins?: readonly FastifyPluginAsync[];
  /** Largest request body accepted (default 1 MiB). */
  bodyLimit?: number;
}

const ALL_CHANNELS: readonly Platform[] = ["telegram", "zalo"];

/** A URL as logged: secrets in the query (dashboard link tokens `t=`, `token=`) replaced. */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:t|token)=)[^&#]*/gi, "$1[redacted]");
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    // Request logs carry the URL: a dashboard link's token must not land in the log.
    childLoggerFactory: (logger, bindings, opts) =>
      logger.child(bindings, {
        ...opts,
        serializers: {
          ...opts.serializers,
          req: (req: { method?: string; url?: string; ip?: string; host?: string }) => ({
            method: req.method,
            url: redactUrl(req.url ?? ""),
            host: req.host,
            remoteAddress: req.ip,
          }),
        },
      }),
  });

  // One error handler: 4xx keep their message, 5xx details stay in the log.
  app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) request.log.error({ err, url: redactUrl(request.url) }, "request failed");
    void reply.status(status).send({ error: status >= 500 ? "internal error" : err.message });
  });
  app.setNotFoundHandler((_request, reply) => void reply.status(404).send({ error: "not found" }));

  app.get("/healthz", async (_request, reply) => {
    const dbOk = isDatabaseHealthy(deps.db);
    const channels = Object.fromEntries(
      ALL_CHANNELS.map((p) => [p, deps.channels?.find((c) => c.platform === p)?.health() ?? { state: "off" }]),
    );
    const campaigns = deps.campaigns.list().map((c) => ({
      id: c.id,
      name: c.name,
      start: c.start,
      end: c.end,
      units: c.units.length,
      metrics: c.metrics.length,
    }));
    return reply.status(dbOk ? 200 : 503).send({ status: dbOk ? "ok" : "unavailable", database: dbOk ? "ok" : "error", campaigns, channels });
  });

  for (const plugin of deps.plugins ?? []) await app.register(plugin);
  return app;
}
