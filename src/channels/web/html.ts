/**
 * HTML for the web pages, built as strings with one rule: every interpolated value is escaped unless it is
 * already `Html` made by this module. A unit name or report text containing `<script>` renders as text.
 */
import type { FastifyReply, FastifyRequest } from "fastify";

/** Markup that is already safe to emit. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Escapes text for element content and quoted attribute values. */
export function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  if (v === null || v === undefined || v === false) return "";
  return escape(String(v));
}

/** A template tag: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined; null, undefined and false vanish. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** Trusted markup (built by code from escaped pieces only). */
export function raw(s: string): Html {
  return new Html(s);
}

export interface PageOptions {
  title: string;
  lang: string;
  body: Html;
  /** Seconds between automatic reloads (a meta refresh: no script needed). */
  refresh?: number;
  /** Extra class on <body> (page kind, for the stylesheet). */
  kind?: string;
}

export function page(o: PageOptions): string {
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
${o.refresh ? html`<meta http-equiv="refresh" content="${o.refresh}">` : ""}
<title>${o.title}</title>
<link rel="stylesheet" href="/assets/web.css">
</head>
<body class="${o.kind ?? ""}">
${o.body}
</body>
</html>
`.value;
}

/**
 * Headers for every page: no script at all (the pages need none), styles only from this server, no framing,
 * no referrer (a dashboard URL carries its token), nothing cached.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

/** An `onSend` hook setting `SECURITY_HEADERS`, and `Cache-Control: no-store` unless a route chose otherwise. */
export async function securityHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) void reply.header(k, v);
  if (!reply.hasHeader("cache-control")) void reply.header("cache-control", "no-store");
  return payload;
}

/** Sends a full page. */
export function sendPage(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.status(status).type("text/html; charset=utf-8").send(body);
}

/** Reads one cookie from the request's Cookie header. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}
