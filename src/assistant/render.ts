/**
 * Turns an assistant decision into reply text and buttons, in the citizen's language, from the `kb` locale
 * namespace. Channel-neutral: the text lists the topics too, for channels that cannot show buttons.
 */
import type { Button } from "../core/types.ts";
import type { Translate } from "../i18n.ts";
import type { AssistantResult } from "./assistant.ts";

/** Prefix of button data that opens a topic: `kb:<topicId>`. */
export const TOPIC_BUTTON_PREFIX = "kb:";

export interface RenderOptions {
  /** The campaign's local help lines (campaign file `help`); `kb:localHelpFallback` when empty. */
  help?: readonly string[];
  /** Prepend `kb:privacyReminder` when the message contained personal numbers (default false: the caller
   * decides, since the reminder should come once per citizen, not on every message). */
  remindPrivacy?: boolean;
}

export interface RenderedReply {
  text: string;
  buttons?: Button[][];
}

/** The full answer of one topic: title, numbered steps, and its source line. */
export function renderTopic(topicId: string, t: Translate, help: readonly string[] = []): string {
  const key = `kb:topics.${topicId}`;
  const helpText = help.length > 0 ? help.map((h) => `• ${h}`).join("\n") : t("kb:localHelpFallback");
  return [
    `**${t(`${key}.title`)}**`,
    t(`${key}.answer`, { help: helpText }),
    t("kb:sourceLine", { source: t(`${key}.source`), reviewed: t(`${key}.reviewed`) }),
  ].join("\n");
}

function topicList(heading: string, ids: readonly string[], t: Translate): RenderedReply {
  const titles = ids.map((id) => t(`kb:topics.${id}.title`));
  return {
    text: [heading, ...titles.map((title, i) => `${i + 1}. ${title}`)].join("\n"),
    buttons: ids.map((id, i) => [{ label: titles[i]!, data: `${TOPIC_BUTTON_PREFIX}${id}` }]),
  };
}

/**
 * Renders `result` for the citizen.
 * @param menuTopics the topics of the menu, in order (usually `assistant.topicIds`)
 */
export function renderAssistantReply(
  result: AssistantResult,
  t: Translate,
  menuTopics: readonly string[],
  options: RenderOptions = {},
): RenderedReply {
  const reply =
    result.kind === "answer"
      ? { text: renderTopic(result.topic, t, options.help) }
      : result.kind === "suggest"
        ? topicList(t("kb:suggest"), result.topics, t)
        : topicList(t("kb:menu"), menuTopics, t);
  if (options.remindPrivacy && result.pii.length > 0) reply.text = `${t("kb:privacyReminder")}\n\n${reply.text}`;
  return reply;
}
