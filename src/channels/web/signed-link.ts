/**
 * Signed dashboard links: `/dashboard/<campaign id>?t=<expiry>.<signature>`, the signature an HMAC-SHA256 of
 * `campaignId|expiry` (expiry in epoch seconds). A link opens one campaign's pages until it expires; there is no
 * session to steal beyond it. Uses only `node:crypto`, so the core can build links without knowing the server.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Config } from "../../config.ts";

export interface DashboardLinks {
  /** The campaign's dashboard link, valid for the configured time from `now`. */
  link(campaignId: string, now: Date): { url: string; expiresAt: Date };
  /** True when `token` was made for `campaignId` and has not expired at `now`. Constant-time comparison. */
  verify(campaignId: string, token: string, now: Date): boolean;
}

export interface DashboardLinkOptions {
  /** The HMAC key. */
  secret: string | Buffer;
  /** Origin the links start with, e.g. `https://bot.example.gov.vn` (no trailing slash needed). */
  baseUrl: string;
  /** How long a link lives, in hours (default 12). */
  hours?: number;
}

const TOKEN = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function signature(secret: string | Buffer, campaignId: string, expiry: number): Buffer {
  return createHmac("sha256", secret).update(`${campaignId}|${expiry}`).digest();
}

export function createDashboardLinks(opts: DashboardLinkOptions): DashboardLinks {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const hours = opts.hours ?? 12;
  return {
    link(campaignId, now) {
      const expiry = Math.floor(now.getTime() / 1000 + hours * 3600);
      const sig = signature(opts.secret, campaignId, expiry).toString("base64url");
      return { url: `${base}/dashboard/${encodeURIComponent(campaignId)}?t=${expiry}.${sig}`, expiresAt: new Date(expiry * 1000) };
    },
    verify(campaignId, token, now) {
      const m = TOKEN.exec(token);
      if (!m) return false;
      const expiry = Number(m[1]);
      const given = Buffer.from(m[2]!, "base64url");
      const expected = signature(opts.secret, campaignId, expiry);
      // Compare first, then check the time: the work done does not depend on which part is wrong.
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      return ok && expiry * 1000 > now.getTime();
    },
  };
}

/** The origin links start with: `PUBLIC_URL`, else `http://HOST:PORT` (a wildcard host shown as localhost). */
export function publicBaseUrl(config: Pick<Config, "PUBLIC_URL" | "HOST" | "PORT">): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, "");
  const host = ["0.0.0.0", "::", "[::]"].includes(config.HOST) ? "localhost" : config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST;
  return `http://${host}:${config.PORT}`;
}

/**
 * Links from the configuration. Without `DASHBOARD_SECRET` a random secret is made (the caller logs that links
 * then die with a restart); `generated` says which happened.
 */
export function dashboardLinksFromConfig(config: Pick<Config, "PUBLIC_URL" | "HOST" | "PORT" | "DASHBOARD_SECRET" | "DASHBOARD_LINK_HOURS">): {
  links: DashboardLinks;
  generated: boolean;
} {
  const generated = !config.DASHBOARD_SECRET;
  const secret = config.DASHBOARD_SECRET ?? randomBytes(32);
  return { links: createDashboardLinks({ secret, baseUrl: publicBaseUrl(config), hours: config.DASHBOARD_LINK_HOURS }), generated };
}
