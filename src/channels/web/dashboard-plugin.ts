/**
 * The leadership dashboard: `/dashboard/<campaign id>?t=<token>` and `/dashboard/<campaign id>/units/<code>?t=…`.
 * The token is checked before anything is read; without a valid one every page answers 401 and says nothing about
 * the campaign. Pages link to each other with the same token, so nothing outlives the link the leader was given.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { CampaignRegistry } from "../../core/campaign-registry.ts";
import { pickMetric } from "../../core/features/leaderboard.ts";
import { campaignSnapshot } from "../../core/progress/snapshot.ts";
import { campaignDay } from "../../core/progress/today.ts";
import type { Db } from "../../db/client.ts";
import type { I18n } from "../../i18n.ts";
import { reportCalendar, unitHistory, unitReports } from "./dashboard-data.ts";
import { campaignPage, dashboardPath, messagePage, unitPage, type DashboardView } from "./dashboard-pages.ts";
import { securityHeaders, sendPage } from "./html.ts";
import type { DashboardLinks } from "./signed-link.ts";

export interface DashboardDeps {
  db: Db;
  campaigns: CampaignRegistry;
  i18n: I18n;
  links: DashboardLinks;
  /** The clock links are checked against (the core's clock; tests pass a fixed one). */
  now?: () => Date;
}

interface Params {
  campaignId: string;
  code?: string;
}

function one(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function createDashboardPlugin(deps: DashboardDeps): FastifyPluginAsync {
  const t = deps.i18n.t(deps.i18n.defaultLocale);
  const lang = deps.i18n.defaultLocale;
  const now = () => deps.now?.() ?? new Date();

  /** The campaign and token when the link is valid; otherwise the 401 page has been sent. */
  function authorize(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) {
    const token = one((request.query as Record<string, unknown>)["t"]);
    const id = request.params.campaignId;
    const at = now();
    if (!token || !deps.links.verify(id, token, at)) {
      void sendPage(reply, 401, messagePage(t, lang, "web:dashboard.unauthorized"));
      return null;
    }
    const campaign = deps.campaigns.get(id);
    if (!campaign) {
      void sendPage(reply, 404, messagePage(t, lang, "web:dashboard.notFound"));
      return null;
    }
    const expiresAt = new Date(Number(token.split(".")[0]) * 1000);
    const snapshot = campaignSnapshot(deps.db, campaign, campaignDay(campaign, at));
    const view: DashboardView = { r: { t, locale: lang }, snapshot, token, now: at, expiresAt };
    return { campaign, view, at };
  }

  return async (app) => {
    app.addHook("onSend", securityHeaders);
    app.addHook("onSend", async (_request, reply, payload) => {
      void reply.header("x-robots-tag", "noindex, nofollow");
      return payload;
    });

    const unauthorized = async (_request: FastifyRequest, reply: FastifyReply) => sendPage(reply, 401, messagePage(t, lang, "web:dashboard.unauthorized"));
    app.get("/dashboard", unauthorized);
    app.get("/dashboard/", unauthorized);

    app.get<{ Params: Params }>("/dashboard/:campaignId", async (request, reply) => {
      const ok = authorize(request, reply);
      if (!ok) return reply;
      const metric = pickMetric(ok.campaign, one((request.query as Record<string, unknown>)["m"])) ?? pickMetric(ok.campaign, "")!;
      const cal = reportCalendar(deps.db, ok.campaign, ok.view.snapshot.day, ok.at);
      return sendPage(reply, 200, campaignPage(ok.view, metric, cal));
    });

    app.get<{ Params: Params }>("/dashboard/:campaignId/units/:code", async (request, reply) => {
      const ok = authorize(request, reply);
      if (!ok) return reply;
      const code = request.params.code ?? "";
      const unit = ok.campaign.units.find((u) => u.code === code);
      if (!unit) {
        const back = { href: dashboardPath(ok.campaign.id, ok.view.token), label: t("web:dashboard.back") };
        return sendPage(reply, 404, messagePage(t, lang, "web:dashboard.notFound", back));
      }
      const day = ok.view.snapshot.day;
      const cal = reportCalendar(deps.db, ok.campaign, day, ok.at, 30);
      const history = unitHistory(deps.db, ok.campaign, unit.code, day);
      const reports = unitReports(deps.db, ok.campaign.id, unit.code);
      return sendPage(reply, 200, unitPage(ok.view, unit.code, history, reports, cal));
    });

    // Anything else under /dashboard reveals nothing either.
    app.get("/dashboard/*", unauthorized);
  };
}
