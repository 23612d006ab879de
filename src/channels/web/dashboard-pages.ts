/**
 * The dashboard's pages: the campaign at a glance (day, phase, totals against targets, today's reports), the
 * leaderboard as a table and a chart, the reporting calendar, and one page per unit with its history. Plain
 * server-rendered HTML; every value goes through `html` and is escaped.
 */
import type { Campaign, Metric } from "../../campaigns/schema.ts";
import type { CampaignSnapshot, MetricStanding, Pace, UnitStanding } from "../../core/progress/snapshot.ts";
import type { Translate } from "../../i18n.ts";
import { formatNumber, formatPercent, formatValue } from "../../render/format.ts";
import { rankChange, scoreText, type RenderCtx } from "../../render/progress.ts";
import { localTime, shortDay } from "../../time.ts";
import type { Calendar, DayMark, UnitReport } from "./dashboard-data.ts";
import { html, page, type Html } from "./html.ts";

export interface DashboardView {
  r: RenderCtx;
  snapshot: CampaignSnapshot;
  /** The token every link between pages carries. */
  token: string;
  now: Date;
  expiresAt: Date;
}

const REFRESH_SECONDS = 60;
const MARKS: readonly DayMark[] = ["ok", "late", "miss", "wait", "off"];

export function clockText(at: Date | number, timeZone: string, withYear = true): string {
  const { day, minutes } = localTime(new Date(at), timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")} ${shortDay(day, withYear)}`;
}

export function dashboardPath(campaignId: string, token: string, extra: { unit?: string; metric?: string } = {}): string {
  const base = `/dashboard/${encodeURIComponent(campaignId)}${extra.unit ? `/units/${encodeURIComponent(extra.unit)}` : ""}`;
  const q = new URLSearchParams({ t: token });
  if (extra.metric) q.set("m", extra.metric);
  return `${base}?${q.toString()}`;
}

function subtitle(v: DashboardView): Html {
  const { r, snapshot: s } = v;
  const day = r.t("web:dashboard.dayOf", { day: shortDay(s.day, true), no: Math.max(s.dayNo, 0), of: s.days });
  const phase = s.phase ? r.t("progress:phase", { label: s.phase.label, left: s.daysLeft }) : r.t("progress:noPhase", { left: s.daysLeft });
  return html`${day} · ${phase}`;
}

function topBar(title: string, sub: Html | string, back?: { href: string; label: string }): Html {
  return html`<header class="top"><div class="wrap">
<div><h1>${title}</h1><div class="sub">${sub}</div></div>
${back ? html`<a href="${back.href}">${back.label}</a>` : ""}
</div></header>`;
}

function footer(v: DashboardView): Html {
  const tz = v.snapshot.campaign.timezone;
  return html`<footer>${v.r.t("web:dashboard.updated", { time: clockText(v.now, tz) })}<br>${v.r.t("web:dashboard.expires", { time: clockText(v.expiresAt, tz) })}</footer>`;
}

/** A horizontal bar 0–100 drawn in SVG (attributes, not inline styles: the CSP allows no inline style). */
function meter(percent: number | null, standing: Pace["standing"]): Html {
  const w = Math.max(0, Math.min(100, percent ?? 0));
  return html`<svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect class="bg" width="100" height="8" rx="4"/><rect class="fg ${standing}" width="${w.toFixed(2)}" height="8" rx="4"/></svg>`;
}

function standingTag(t: Translate, standing: Pace["standing"]): Html | "" {
  if (standing === "noTarget") return "";
  return html`<span class="tag ${standing}">${t(`web:dashboard.standing.${standing}`)}</span>`;
}

/** How full the bar is: % of target, or the level for percent metrics. */
function barPercent(m: Metric, p: Pace): number | null {
  if (p.value === null) return null;
  if (m.type === "percent") return p.value;
  return p.ratio;
}

function metricCard(r: RenderCtx, m: MetricStanding): Html {
  const type = m.metric.type;
  const value = m.value === null ? "—" : formatValue(m.value, type, r.locale);
  const target = m.target === null ? r.t("web:dashboard.noTarget") : r.t("web:dashboard.target", { target: formatValue(m.target, type, r.locale) });
  const detail: string[] = [];
  if (type !== "percent" && m.ratio !== null) detail.push(r.t("web:dashboard.ofTarget", { ratio: formatPercent(m.ratio, r.locale) }));
  if (type !== "percent" && m.avg7 !== null && m.value !== null) detail.push(r.t("progress:avg7", { value: formatValue(Math.round(m.avg7), type, r.locale) }));
  if (type !== "percent" && m.standing !== "done" && m.needed !== null) detail.push(r.t("progress:needed", { value: formatValue(Math.ceil(m.needed), type, r.locale) }));
  return html`<div class="card${m.target !== null ? " wide-card" : ""}"><h3>${m.metric.label}</h3>
<div class="big">${value}</div>
${meter(barPercent(m.metric, m), m.standing)}
<div class="small">${target}${m.value === null ? html`<br><span class="muted">${r.t("web:dashboard.noFigure")}</span>` : html` ${standingTag(r.t, m.standing)}`}</div>
${detail.length ? html`<div class="small muted">${detail.join(" · ")}</div>` : ""}
</div>`;
}

function reportedCard(v: DashboardView): Html {
  const { r, snapshot: s } = v;
  const x = s.reportedToday.size;
  const y = s.campaign.units.length;
  return html`<div class="card"><h3>${r.t("web:dashboard.reportedToday")}</h3>
<div class="big" data-testid="reported-today">${x}<small> / ${y} ${r.t("web:dashboard.units")}</small></div>
${meter(y ? (x / y) * 100 : 0, x === y ? "done" : "onTrack")}
</div>`;
}

function leaderboardTable(v: DashboardView, m: MetricStanding): Html {
  const { r, snapshot: s } = v;
  const type = m.metric.type;
  const rows = m.units.map(
    (u) => html`<tr>
<td class="num">${u.rank ?? ""}${rankChange(u) ? html` <small class="muted">${rankChange(u)}</small>` : ""}</td>
<td class="unit"><a href="${dashboardPath(s.campaign.id, v.token, { unit: u.unit.code })}">${u.unit.name}</a></td>
<td class="num">${u.value === null ? "—" : formatValue(u.value, type, r.locale)}</td>
<td class="num wide">${u.target === null ? "—" : formatValue(u.target, type, r.locale)}</td>
<td class="num">${scoreText(r, m, u)}</td>
<td class="num wide">${u.change === null || type === "percent" ? "" : `+${formatNumber(u.change, r.locale, 0)}`}</td>
<td class="wide">${u.reportedToday ? html`<span class="c ok" title="${r.t("web:dashboard.reported")}">✓</span>` : html`<span class="c wait" title="${r.t("web:dashboard.notReported")}">·</span>`}</td>
</tr>`,
  );
  const c = (k: string) => r.t(`web:dashboard.cols.${k}`);
  return html`<div class="panel scroll"><table data-testid="leaderboard">
<thead><tr><th class="num">${c("rank")}</th><th>${c("unit")}</th><th class="num">${c("value")}</th><th class="num wide">${c("target")}</th><th class="num">${c("score")}</th><th class="num wide">${c("change")}</th><th class="wide">${c("today")}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function truncate(s: string, n: number): string {
  return [...s].length > n ? [...s].slice(0, n - 1).join("") + "…" : s;
}

/** The leaderboard as horizontal bars: % of target (goal line at 100%), the level (goal line at the target level). */
function leaderboardChart(r: RenderCtx, m: MetricStanding): Html {
  const type = m.metric.type;
  const units = m.units;
  const max = Math.max(1, ...units.map((u) => (type === "percent" ? 100 : u.ratio !== null ? Math.max(100, u.ratio) : (u.value ?? 0))));
  const rowH = 26;
  const x0 = 165;
  const w = 200;
  const height = units.length * rowH + 8;
  const goal = type === "percent" ? m.target : units.some((u) => u.ratio !== null) ? 100 : null;
  const bars = units.map((u, i) => {
    const y = 4 + i * rowH;
    const score = type === "percent" ? u.value : u.ratio ?? u.value;
    const bw = score === null ? 0 : (Math.max(0, score) / max) * w;
    return html`<g><title>${u.unit.name}: ${scoreText(r, m, u)}</title>
<text class="lbl" x="${x0 - 8}" y="${y + 16}" text-anchor="end">${truncate(u.unit.name, 20)}</text>
<rect class="track" x="${x0}" y="${y + 4}" width="${w}" height="16" rx="3"/>
<rect class="fill ${u.standing === "done" ? "done" : ""}" x="${x0}" y="${y + 4}" width="${bw.toFixed(1)}" height="16" rx="3"/>
<text x="${x0 + w + 6}" y="${y + 16}">${scoreText(r, m, u)}</text></g>`;
  });
  const goalX = goal === null ? null : x0 + (Math.min(goal, max) / max) * w;
  return html`<div class="panel chart"><svg viewBox="0 0 440 ${height}" role="img" aria-label="${r.t("web:dashboard.chart", { label: m.metric.label })}" data-testid="chart">
${bars}
${goalX === null ? "" : html`<line class="goal" x1="${goalX.toFixed(1)}" x2="${goalX.toFixed(1)}" y1="2" y2="${height - 2}"/>`}
</svg></div>`;
}

function calendarTable(v: DashboardView, cal: Calendar): Html {
  const { r, snapshot: s } = v;
  const t = r.t;
  const head = cal.days.map((d) => html`<th>${shortDay(d)}</th>`);
  const rows = s.campaign.units.map((u) => {
    const marks = cal.marks.get(u.code)!;
    const cells = cal.days.map((d) => {
      const mark = marks.get(d)!;
      return html`<td><span class="c ${mark}" title="${shortDay(d)}: ${t(`web:dashboard.legend.${mark}`)}">${t(`web:dashboard.mark.${mark}`)}</span></td>`;
    });
    return html`<tr><td><a href="${dashboardPath(s.campaign.id, v.token, { unit: u.code })}">${u.name}</a></td>${cells}</tr>`;
  });
  const legend = MARKS.map((k) => html`<span><span class="c ${k}">${t(`web:dashboard.mark.${k}`)}</span> ${t(`web:dashboard.legend.${k}`)}</span>`);
  return html`<p class="legend">${legend}</p>
<div class="panel scroll"><table class="cal" data-testid="calendar"><thead><tr><th>${t("web:dashboard.cols.unit")}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
<p class="small muted">${t("web:dashboard.calendarHint", { count: cal.days.length, deadline: s.campaign.schedule?.deadline ?? "17:00" })}</p>`;
}

/** Metrics with a target first: they are what leadership reads first. */
function targetsFirst(metrics: MetricStanding[]): MetricStanding[] {
  return [...metrics.filter((m) => m.target !== null), ...metrics.filter((m) => m.target === null)];
}

/** The campaign's page. `metric` is the leaderboard's metric. */
export function campaignPage(v: DashboardView, metric: Metric, cal: Calendar): string {
  const { r, snapshot: s } = v;
  const m = s.metrics.find((x) => x.metric.key === metric.key)!;
  const tabs = s.metrics.map(
    (x) => html`<a href="${dashboardPath(s.campaign.id, v.token, { metric: x.metric.key })}"${x.metric.key === metric.key ? html` aria-current="page"` : ""}>${x.metric.label}</a>`,
  );
  const body = html`${topBar(s.campaign.name, subtitle(v))}
<main class="wrap">
<section class="cards">${reportedCard(v)}${targetsFirst(s.metrics).map((x) => metricCard(r, x))}</section>
<h2>${r.t("web:dashboard.leaderboard")}: ${m.metric.label}</h2>
<nav class="tabs">${tabs}</nav>
<p class="small muted">${r.t(`progress:board.basis.${metric.type === "percent" ? (metric.better === "lower" ? "lowerFirst" : "level") : "ofTarget"}`)}</p>
<div class="split">${leaderboardTable(v, m)}${leaderboardChart(r, m)}</div>
<h2>${r.t("web:dashboard.calendar")}</h2>
${calendarTable(v, cal)}
</main>
${footer(v)}`;
  return page({ title: `${r.t("web:dashboard.title")} · ${s.campaign.name}`, lang: r.locale, body, refresh: REFRESH_SECONDS, kind: "dashboard" });
}

function unitCard(r: RenderCtx, m: MetricStanding, u: UnitStanding): Html {
  const type = m.metric.type;
  const ranked = m.units.filter((x) => x.rank !== null).length;
  const value = u.value === null ? "—" : formatValue(u.value, type, r.locale);
  const target = u.target === null ? r.t("web:dashboard.noTarget") : r.t("web:dashboard.target", { target: formatValue(u.target, type, r.locale) });
  const detail: string[] = [];
  if (u.rank !== null) detail.push(`${r.t("web:dashboard.rankOf", { rank: u.rank, of: ranked })} ${rankChange(u)}`.trim());
  if (type !== "percent" && u.ratio !== null) detail.push(r.t("web:dashboard.ofTarget", { ratio: formatPercent(u.ratio, r.locale) }));
  if (type !== "percent" && u.standing !== "done" && u.needed !== null) detail.push(r.t("progress:needed", { value: formatValue(Math.ceil(u.needed), type, r.locale) }));
  return html`<div class="card"><h3>${m.metric.label}</h3>
<div class="big">${value}</div>
${meter(barPercent(m.metric, u), u.standing)}
<div class="small">${target}${u.value === null ? html`<br><span class="muted">${r.t("web:dashboard.noFigure")}</span>` : html` ${standingTag(r.t, u.standing)}`}</div>
${detail.length ? html`<div class="small muted">${detail.join(" · ")}</div>` : ""}
</div>`;
}

/** One unit's page: its standing on every metric, its figures day by day, its latest reports. */
export function unitPage(v: DashboardView, code: string, history: { day: string; values: Map<string, number> }[], reports: UnitReport[], cal: Calendar): string {
  const { r, snapshot: s } = v;
  const campaign: Campaign = s.campaign;
  const unit = campaign.units.find((u) => u.code === code)!;
  const t = r.t;
  const cards = targetsFirst(s.metrics).map((m) => unitCard(r, m, m.units.find((u) => u.unit.code === code)!));
  const marks = cal.marks.get(code)!;
  const historyRows = history.map(
    (h) => html`<tr><td class="day">${shortDay(h.day, true)} ${marks.has(h.day) ? html`<span class="c ${marks.get(h.day)!}" title="${t(`web:dashboard.legend.${marks.get(h.day)!}`)}">${t(`web:dashboard.mark.${marks.get(h.day)!}`)}</span>` : ""}</td>${campaign.metrics.map((m) => {
      const x = h.values.get(m.key);
      return html`<td class="num">${x === undefined ? "—" : formatValue(x, m.type, r.locale)}</td>`;
    })}</tr>`,
  );
  // Reports as a list, not a table: their text is long and must stay readable on a phone.
  const reportItems = reports.map(
    (rep) => html`<li><div class="small muted">${shortDay(rep.day)} · ${t("web:dashboard.cols.sentAt")} ${clockText(rep.sentAt, campaign.timezone, false)} · ${rep.senderName} · ${t(`web:dashboard.reportStatus.${rep.status}`)}${rep.late ? html` <span class="tag behind">${t("web:dashboard.late")}</span>` : ""}</div><div class="report-text">${rep.rawText}</div></li>`,
  );
  const c = (k: string) => t(`web:dashboard.cols.${k}`);
  const body = html`${topBar(unit.name, html`${campaign.name} · ${subtitle(v)}`, { href: dashboardPath(campaign.id, v.token), label: t("web:dashboard.back") })}
<main class="wrap">
<p><span class="tag ${s.reportedToday.has(code) ? "done" : "noReport"}">${t(s.reportedToday.has(code) ? "web:dashboard.reported" : "web:dashboard.notReported")}</span></p>
<section class="cards">${cards}</section>
<h2>${t("web:dashboard.history")}</h2>
<div class="panel scroll"><table class="history" data-testid="history"><thead><tr><th>${c("day")}</th>${campaign.metrics.map((m) => html`<th class="num">${m.label}</th>`)}</tr></thead><tbody>${historyRows}</tbody></table></div>
<h2>${t("web:dashboard.reports")}</h2>
${reports.length === 0 ? html`<p class="muted">${t("web:dashboard.noReports")}</p>` : html`<ol class="panel reports" data-testid="reports">${reportItems}</ol>`}
</main>
${footer(v)}`;
  return page({ title: `${unit.name} · ${r.t("web:dashboard.title")}`, lang: r.locale, body, refresh: REFRESH_SECONDS, kind: "dashboard" });
}

/** A page that says no and nothing more (401, 404). */
export function messagePage(t: Translate, lang: string, key: "web:dashboard.unauthorized" | "web:dashboard.notFound" | "web:chat.badRequest", back?: { href: string; label: string }): string {
  const body = html`<main><div class="error-box"><h1>${t(`${key}.title`)}</h1><p>${t(`${key}.body`)}</p>${back ? html`<p><a href="${back.href}">${back.label}</a></p>` : ""}</div></main>`;
  return page({ title: t(`${key}.title`), lang, body });
}
