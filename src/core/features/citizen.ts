/**
 * The citizen assistant in the pipeline: answers VNeID questions in private chats (and in groups only when the
 * bot is addressed), offers the closest topics or the menu, asks for a one-tap rating, and counts it.
 * Personal numbers were redacted before anything saw the text; the citizen is reminded once not to share them.
 */
import { renderAssistantReply, renderTopic, TOPIC_BUTTON_PREFIX } from "../../assistant/render.ts";
import { claimNotice } from "../../db/repos/events.ts";
import { countFaq, faqStatsList } from "../../db/repos/faq.ts";
import { say, type Ctx } from "../context.ts";
import type { Feature } from "../feature.ts";
import type { ActionHandler } from "../handle-message.ts";
import type { Reply } from "../types.ts";

function feedbackButtons(ctx: Ctx, topic: string): Reply["buttons"] {
  return [[
    { label: ctx.t("citizen:helpful"), data: `fb:${topic}:1` },
    { label: ctx.t("citizen:notHelpful"), data: `fb:${topic}:0` },
  ]];
}

/** A topic's full answer with the rating buttons, counted as asked. */
function topicReply(ctx: Ctx, topic: string): Reply {
  countFaq(ctx.deps.db, topic, "asked");
  const text = `${renderTopic(topic, ctx.t, ctx.campaign?.help ?? [])}\n\n${ctx.t("citizen:rate")}`;
  return { text, buttons: feedbackButtons(ctx, topic) };
}

export function citizenListener(ctx: Ctx): Reply[] | null {
  const assistant = ctx.deps.assistant;
  if (!assistant) return null;
  const { msg } = ctx;
  if (msg.chatType === "group" && !msg.addressedToBot) return null;
  const result = assistant.answer(msg.text);
  const pii = ctx.pii;
  const remindPrivacy = pii.length > 0 && claimNotice(ctx.deps.db, `${msg.platform}:${msg.senderId}`, "privacy-reminder", "once");
  const reminder = remindPrivacy ? `${ctx.t("kb:privacyReminder")}\n\n` : "";
  if (result.kind === "answer") {
    const reply = topicReply(ctx, result.topic);
    return [{ ...reply, text: reminder + reply.text, ...(msg.chatType === "group" ? { replyTo: msg.messageId } : {}) }];
  }
  // In a group, an addressed message that is no question stays with the generic answer, not the whole menu.
  if (msg.chatType === "group" && result.kind === "menu" && result.reason !== "off_topic" && result.reason !== "no_match") return null;
  const rendered = renderAssistantReply(result, ctx.t, assistant.topicIds, { help: ctx.campaign?.help ?? [] });
  return [{ text: reminder + rendered.text, ...(rendered.buttons ? { buttons: rendered.buttons } : {}) }];
}

export function createCitizenActions(): Record<string, ActionHandler> {
  return {
    // "kb:<topic>": a menu or suggestion button.
    [TOPIC_BUTTON_PREFIX.slice(0, -1)]: (ctx, topic) =>
      ctx.deps.assistant?.topicIds.includes(topic) ? [topicReply(ctx, topic)] : [say(ctx.t("common:unknownAction"))],
    // "fb:<topic>:1|0": the rating under an answer.
    fb: (ctx, rest) => {
      const [topic, vote] = rest.split(":");
      if (!topic || !ctx.deps.assistant?.topicIds.includes(topic)) return [say(ctx.t("common:unknownAction"))];
      if (!claimNotice(ctx.deps.db, `${ctx.msg.platform}:${ctx.msg.senderId}`, `fb:${topic}`, ctx.msg.messageId || "once"))
        return [say(ctx.t("citizen:alreadyRated"))];
      countFaq(ctx.deps.db, topic, vote === "1" ? "helpful" : "unhelpful");
      return [say(ctx.t(vote === "1" ? "citizen:thanksHelpful" : "citizen:thanksNotHelpful"))];
    },
  };
}

export const faqStatsFeature: Feature = {
  name: "faqStats",
  commands: ["thongke_hoidap", "faqstats"],
  allow: ["admin"],
  run(ctx) {
    const rows = faqStatsList(ctx.deps.db);
    if (rows.length === 0) return [say(ctx.t("citizen:stats.none"))];
    const lines = [ctx.t("citizen:stats.title")];
    for (const r of rows) {
      const rated = r.helpful + r.unhelpful;
      const share = rated ? Math.round((r.helpful / rated) * 100) : null;
      lines.push(ctx.t("citizen:stats.line", { title: ctx.t(`kb:topics.${r.topic}.title`), asked: r.asked, helpful: r.helpful, unhelpful: r.unhelpful, share: share === null ? "—" : `${share}%` }));
    }
    return [say(lines.join("\n"))];
  },
};
