/**
 * The chat page's HTML: the identity form, then the conversation with a message box. Works without JavaScript
 * (plain forms, post-redirect-get). Bot text uses the core's markup: escaped first, then bold and monospace
 * blocks, the way the Telegram channel shows it (a table reads better monospaced); links become clickable.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import type { Translate } from "../../i18n.ts";
import { toTelegramHtml } from "../../render/markup.ts";
import type { ChatEntry, ChatSession } from "./chat-sessions.ts";
import { html, page, raw, type Html } from "./html.ts";

export interface ChatPageCtx {
  t: Translate;
  lang: string;
  campaigns: readonly Campaign[];
}

function csrfField(s: ChatSession): Html {
  return html`<input type="hidden" name="csrf" value="${s.csrf}">`;
}

/** Bot markup as HTML: everything escaped by `toTelegramHtml`, then bare http(s) links made clickable. */
export function botHtml(text: string): Html {
  const safe = toTelegramHtml(text);
  // The pattern excludes quotes and angle brackets, so a match can never leave the attribute it is put in.
  return raw(safe.replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}" rel="noopener noreferrer" target="_blank">${url}</a>`));
}

export function identityPage(c: ChatPageCtx, s: ChatSession): string {
  const { t } = c;
  const groups = c.campaigns.map(
    (camp) => html`<optgroup label="${camp.name}">
<option value="${camp.id}|leader">${t("web:chat.role.leader")}</option>
<option value="${camp.id}|citizen">${t("web:chat.role.citizen")}</option>
${camp.units.map((u) => html`<option value="${camp.id}|unit|${u.code}">${t("web:chat.role.reporter", { unit: u.name })}</option>`)}
</optgroup>`,
  );
  const body = html`<header class="top"><div class="wrap"><div><h1>${t("web:chat.title")}</h1></div></div></header>
<main>
<p>${t("web:chat.intro")}</p>
<form method="post" action="/chat/session" class="who">
${csrfField(s)}
<div><label for="as">${t("web:chat.whoLabel")}</label>
<select id="as" name="as" required><option value="" disabled selected>${t("web:chat.choose")}</option>${groups}</select></div>
<fieldset><legend>${t("web:chat.whereLabel")}</legend>
<div class="radios"><label><input type="radio" name="where" value="group" checked> ${t("web:chat.where.group")}</label>
<label><input type="radio" name="where" value="private"> ${t("web:chat.where.private")}</label></div>
<p class="hint">${t("web:chat.whereHint")}</p></fieldset>
<div><label for="name">${t("web:chat.nameLabel")}</label><input type="text" id="name" name="name" maxlength="60" autocomplete="name"></div>
<div><button type="submit">${t("web:chat.start")}</button></div>
</form>
</main>`;
  return page({ title: t("web:chat.title"), lang: c.lang, body, kind: "chat" });
}

function entryHtml(c: ChatPageCtx, s: ChatSession, e: ChatEntry): Html {
  const reactions = e.reactions.length
    ? html`<span class="reaction" role="img" aria-label="${c.t("web:chat.reacted", { emoji: e.reactions.join(" ") })}" title="${c.t("web:chat.reacted", { emoji: e.reactions.join(" ") })}" data-testid="reaction">${e.reactions.join("")}</span>`
    : "";
  const buttons = e.buttons?.length
    ? html`<div class="buttons">${e.buttons.flat().map(
        (b) => html`<form method="post" action="/chat/actions">${csrfField(s)}<input type="hidden" name="data" value="${b.data}"><button type="submit" class="ghost">${b.label}</button></form>`,
      )}</div>`
    : "";
  const text = e.from === "me" ? html`${e.text}` : botHtml(e.text);
  return html`<li class="msg ${e.from}"${e.pushed ? html` aria-label="${c.t("web:chat.delivered")}"` : ""}>${text}${buttons}${reactions}</li>`;
}

/** Example messages for the chosen role, sent by pressing them. */
function examples(c: ChatPageCtx, s: ChatSession, campaign: Campaign | undefined): string[] {
  const id = s.identity!;
  if (id.kind === "citizen") return [c.t("web:chat.examples.citizen"), c.t("web:chat.examples.help")];
  const list = [c.t("web:chat.examples.progress"), c.t("web:chat.examples.help"), c.t("web:chat.examples.whoami")];
  if (id.kind === "reporter" && campaign) {
    const m = campaign.metrics[0]!;
    list.unshift(`${m.aliases[0] ?? m.label} ${m.type === "percent" ? "85%" : "120"}`);
  }
  return list;
}

export function chatPage(c: ChatPageCtx, s: ChatSession): string {
  const { t } = c;
  const id = s.identity!;
  const campaign = c.campaigns.find((x) => x.id === id.campaignId);
  const unit = id.kind === "reporter" ? campaign?.units.find((u) => u.code === id.unitCode) : undefined;
  const who = id.kind === "reporter" ? t("web:chat.role.reporter", { unit: unit?.name ?? id.unitCode }) : t(`web:chat.role.${id.kind}`);
  const sub = t("web:chat.youAre", { who, where: t(`web:chat.where.${s.chatType}`) });
  const empty = s.log.length === 0
    ? html`<p class="empty">${t("web:chat.empty")}</p><div class="buttons">${examples(c, s, campaign).map(
        (x) => html`<form method="post" action="/chat/messages">${csrfField(s)}<input type="hidden" name="text" value="${x}"><button type="submit" class="ghost">${x}</button></form>`,
      )}</div>`
    : "";
  const body = html`<header class="top"><div class="wrap"><div><h1>${campaign?.name ?? t("web:chat.title")}</h1><div class="sub" data-testid="identity">${sub}</div></div>
<form method="post" action="/chat/logout">${csrfField(s)}<button type="submit" class="link">${t("web:chat.switch")}</button></form></div></header>
<main>
${empty}
<ol class="log" data-testid="log">${s.log.map((e) => entryHtml(c, s, e))}</ol>
<div id="end"></div>
</main>
<div class="composer"><form method="post" action="/chat/messages">${csrfField(s)}
<label class="sr-only" for="text">${t("web:chat.messageLabel")}</label>
<textarea id="text" name="text" required maxlength="4000" rows="1" placeholder="${t("web:chat.placeholder")}" autofocus></textarea>
<button type="submit">${t("web:chat.send")}</button></form></div>`;
  return page({ title: `${t("web:chat.title")} · ${who}`, lang: c.lang, body, kind: "chat" });
}
