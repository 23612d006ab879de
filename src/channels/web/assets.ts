/**
 * The one stylesheet of the web pages, served from this server so the Content-Security-Policy can forbid inline
 * styles and scripts. System fonts; tables scroll sideways on a phone; larger type on a wall screen.
 */
import type { FastifyPluginAsync } from "fastify";
import { securityHeaders } from "./html.ts";

export const CSS = `
:root{--bg:#f3f4f6;--card:#fff;--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--brand:#9b1c1c;--brand-ink:#fff;
--ok:#15803d;--ok-bg:#dcfce7;--late:#b45309;--late-bg:#fef3c7;--miss:#b91c1c;--miss-bg:#fee2e2;--bar:#2563eb;--bar-bg:#e5e7eb}
*{box-sizing:border-box}
html{font-size:16px;-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif;line-height:1.45}
a{color:#1d4ed8}
.top{background:var(--brand);color:var(--brand-ink);padding:.75rem 1rem}
.top .wrap{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;justify-content:space-between}
.top h1{font-size:1.15rem;margin:0;font-weight:650;line-height:1.3}
.top a{color:var(--brand-ink)}
.top .sub{opacity:.9;font-size:.9rem}
.wrap{max-width:1200px;margin:0 auto}
main{padding:1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .6rem}
.muted{color:var(--muted)}
.small{font-size:.85rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:.75rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.85rem 1rem}
.card h3{font-size:.9rem;font-weight:600;margin:0 0 .35rem;color:var(--muted)}
.big{font-size:1.6rem;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums}
.big small{font-size:.95rem;font-weight:500;color:var(--muted)}
.meter{display:block;width:100%;height:8px;margin:.5rem 0 .3rem}
.meter .bg{fill:var(--bar-bg)}.meter .fg{fill:var(--bar)}.meter .fg.done{fill:var(--ok)}.meter .fg.behind{fill:#dc2626}
.tag{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.78rem;font-weight:600;white-space:nowrap}
.tag.done,.tag.onTrack{background:var(--ok-bg);color:var(--ok)}.tag.behind{background:var(--miss-bg);color:var(--miss)}.tag.noReport,.tag.noTarget{background:var(--line);color:var(--muted)}
.tabs{display:flex;flex-wrap:wrap;gap:.4rem;margin:.25rem 0 .75rem}
.tabs a{background:var(--card);border:1px solid var(--line);border-radius:999px;padding:.2rem .75rem;text-decoration:none;color:var(--ink);font-size:.9rem}
.tabs a[aria-current=page]{background:var(--ink);color:#fff;border-color:var(--ink)}
.panel{background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.45rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{font-size:.8rem;font-weight:600;color:var(--muted);background:#f9fafb;white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
tr:last-child td{border-bottom:0}
.split{display:grid;grid-template-columns:1fr;gap:.75rem;align-items:start}
@media (min-width:1300px){.split{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
td.unit,td.day{white-space:nowrap}
.history th{white-space:normal;min-width:6.5rem}
.chart{padding:.75rem 1rem}
.chart svg{display:block;width:100%;height:auto}
.chart text{font-family:inherit;font-size:13px;fill:var(--ink)}
.chart .lbl{fill:var(--muted)}
.chart .track{fill:var(--bar-bg)}.chart .fill{fill:var(--bar)}.chart .fill.done{fill:var(--ok)}.chart .goal{stroke:var(--ink);stroke-dasharray:3 3}
.cal{width:auto;min-width:100%}
.cal td,.cal th{text-align:center;padding:.3rem .25rem;min-width:2.1rem}
.cal td:first-child,.cal th:first-child{text-align:left;position:sticky;left:0;background:var(--card);min-width:9rem;white-space:nowrap;z-index:1}
.cal th:first-child{background:#f9fafb}
.c{display:inline-block;width:1.6rem;height:1.6rem;line-height:1.6rem;border-radius:6px;font-weight:700;font-size:.85rem}
.c.ok{background:var(--ok-bg);color:var(--ok)}.c.late{background:var(--late-bg);color:var(--late)}.c.miss{background:var(--miss-bg);color:var(--miss)}.c.wait,.c.off{background:#f3f4f6;color:var(--muted)}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin:.5rem 0;font-size:.85rem;color:var(--muted)}
.reports{list-style:none;margin:0;padding:0}.reports li{padding:.6rem .9rem;border-bottom:1px solid var(--line)}.reports li:last-child{border-bottom:0}
.report-text{white-space:pre-wrap;overflow-wrap:anywhere;margin-top:.2rem}
footer{padding:1rem;color:var(--muted);font-size:.8rem;text-align:center}
.error-box{max-width:32rem;margin:4rem auto;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.5rem;text-align:center}
.error-box h1{font-size:1.3rem;margin:.2rem 0 .6rem}
/* chat */
.chat main{max-width:760px;margin:0 auto;padding:1rem 1rem 1.5rem;min-height:calc(100vh - 8rem)}
.chat .top .wrap{max-width:760px}
.who{display:grid;gap:.9rem;background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.1rem}
label{font-weight:600;font-size:.92rem;display:block;margin-bottom:.3rem}
select,input[type=text],textarea{width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #d1d5db;border-radius:8px;background:#fff;color:var(--ink)}
textarea{resize:vertical;min-height:2.8rem}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:600;font-size:.92rem;margin-bottom:.4rem;padding:0}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.radios{display:flex;flex-wrap:wrap;gap:.5rem 1.2rem}.radios label{font-weight:400;display:flex;gap:.4rem;align-items:center;margin:0}
button{font:inherit;font-weight:600;border:0;border-radius:8px;padding:.6rem 1.1rem;background:var(--brand);color:#fff;cursor:pointer}
button.link{background:none;color:var(--brand-ink);padding:0;text-decoration:underline;font-weight:500}
button.ghost{background:#fff;color:var(--ink);border:1px solid #d1d5db;font-weight:500;padding:.35rem .8rem}
.hint{font-size:.85rem;color:var(--muted);margin:.25rem 0 0}
.log{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.6rem}
.msg{max-width:88%;padding:.55rem .8rem;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;position:relative}
.msg pre{white-space:pre;overflow-x:auto;font-size:.82rem;background:#f3f4f6;border-radius:6px;padding:.5rem;margin:.35rem 0}
.msg.me{align-self:flex-end;background:#1d4ed8;color:#fff;border-bottom-right-radius:4px}
.msg.me a{color:#fff}
.msg.bot{align-self:flex-start;background:var(--card);border:1px solid var(--line);border-bottom-left-radius:4px}
.msg.note{align-self:center;background:none;color:var(--muted);font-size:.85rem;text-align:center}
.reaction{position:absolute;bottom:-.8rem;left:-.6rem;background:#fff;border:1px solid var(--line);border-radius:999px;padding:0 .35rem;font-size:.95rem}
.buttons{display:flex;flex-wrap:wrap;gap:.4rem;margin-top:.5rem;white-space:normal}
.buttons form{margin:0}
.composer{position:sticky;bottom:0;background:#fffffff2;border-top:1px solid var(--line);padding:.6rem 1rem}
.composer form{max-width:760px;margin:0 auto;display:flex;gap:.5rem;align-items:flex-end}
.composer textarea{flex:1;min-height:2.75rem;height:2.75rem}
.empty{color:var(--muted);text-align:center;margin:2rem 0}
.examples{margin:.4rem 0 1rem;padding-left:1.2rem;color:var(--muted);font-size:.9rem}
@media (min-width:1600px){html{font-size:20px}.wrap{max-width:1800px}.chat main,.chat .top .wrap,.composer form{max-width:900px}}
@media (max-width:520px){.top h1{font-size:1.02rem}.big{font-size:1.3rem}th,td{padding:.4rem .45rem}.cards{grid-template-columns:repeat(2,minmax(0,1fr));gap:.5rem}.card{padding:.65rem .7rem}.card h3{font-size:.8rem}.cards .wide-card{grid-column:1/-1;order:-1}.wide{display:none}td.unit{white-space:normal;min-width:7.5rem}}
`;

/** Serves `/assets/web.css` (public: it holds nothing but styles). */
export const assetsPlugin: FastifyPluginAsync = async (app) => {
  app.addHook("onSend", securityHeaders);
  app.get("/assets/web.css", async (_request, reply) =>
    reply.header("cache-control", "public, max-age=3600").type("text/css; charset=utf-8").send(CSS),
  );
};
