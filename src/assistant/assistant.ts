/**
 * The citizen assistant: a question in, a decision out. A confident match answers with one topic, a weak one
 * offers the closest topics, anything else gets the topic menu. Personal numbers are redacted before the text
 * is looked at, and the caller learns what was found so it can remind the citizen (once) not to send them.
 */
import { redactPii, type PiiKind } from "../privacy/redact.ts";
import { mentionsDomain, notAQuestion, type NotAQuestionReason } from "./intent.ts";
import type { KbTopic } from "./knowledge-base.ts";
import { createTopicSearch, type TopicHit } from "./search.ts";

/** Decision thresholds. The defaults were measured on the dev part of `test/fixtures/assistant/questions.json`. */
export interface AssistantThresholds {
  /** Least coverage to answer a question that uses an e-ID word (default 0.45; off-topic peaked at 0.37). */
  answerCoverage: number;
  /**
   * Least coverage to answer a question with no e-ID word, e.g. "mất máy" (default 0.6: such on-topic
   * questions started at 0.69; the closest off-topic one, "đăng ký xe máy ở đâu", reached 0.5).
   */
  answerCoverageNoDomain: number;
  /** Least rank (`score × coverage²`) to answer (default 5; correct answers started at 14). */
  answerRank: number;
  /** The best topic's rank must exceed the second's by this factor, else the two are offered (default 1.05). */
  answerMargin: number;
  /** Least coverage to offer suggestions; only for questions using an e-ID word (default 0.3). */
  suggestCoverage: number;
  /** At most this many suggestions (default 3). */
  maxSuggestions: number;
}

export const DEFAULT_THRESHOLDS: AssistantThresholds = {
  answerCoverage: 0.45,
  answerCoverageNoDomain: 0.6,
  answerRank: 5,
  answerMargin: 1.05,
  suggestCoverage: 0.3,
  maxSuggestions: 3,
};

/** Why the menu was shown: not a question at all (empty, report, campaign talk), off the e-ID domain, or no match. */
export type MenuReason = NotAQuestionReason | "off_topic" | "no_match";

/** What to do with a message. `pii` lists the personal data found (and redacted) in it. */
export type AssistantResult =
  | { kind: "answer"; topic: string; score: number; confidence: number; pii: PiiKind[] }
  | { kind: "suggest"; topics: string[]; pii: PiiKind[] }
  | { kind: "menu"; reason: MenuReason; pii: PiiKind[] };

export interface AssistantDeps {
  /** Topics from `loadKnowledgeBase()`. */
  topics: readonly KbTopic[];
  /** Overrides for `DEFAULT_THRESHOLDS`. */
  thresholds?: Partial<AssistantThresholds>;
}

export interface Assistant {
  /** Topic ids in knowledge-base order: the menu. */
  readonly topicIds: readonly string[];
  /** Decides how to answer `text` (any language, diacritics or not, NFC or NFD). Pure and synchronous. */
  answer(text: string): AssistantResult;
  /** The ranked topics for `text`, for diagnostics and tests. */
  rank(text: string): TopicHit[];
}

/** Builds the assistant's index once; `answer()` then takes well under a millisecond per question. */
export function createAssistant(deps: AssistantDeps): Assistant {
  const th = { ...DEFAULT_THRESHOLDS, ...deps.thresholds };
  const search = createTopicSearch(deps.topics);
  const { analyzer } = search;
  return {
    topicIds: deps.topics.map((t) => t.id),
    rank: (text) => search.search(redactPii(text).text),
    answer(raw) {
      const { text, found: pii } = redactPii(raw);
      const reason = notAQuestion(text, analyzer);
      if (reason) return { kind: "menu", reason, pii };
      const domain = mentionsDomain(text, analyzer);
      const hits = search.search(text);
      const [best, second] = hits;
      if (!best) return { kind: "menu", reason: domain ? "no_match" : "off_topic", pii };
      const clear = !second || best.rank >= second.rank * th.answerMargin;
      const enough = best.coverage >= (domain ? th.answerCoverage : th.answerCoverageNoDomain);
      if (enough && clear && best.rank >= th.answerRank)
        return { kind: "answer", topic: best.topic, score: best.rank, confidence: best.coverage, pii };
      // Suggestions only when the question is about e-ID at all: chit-chat must never get a topic.
      if (domain && best.coverage >= th.suggestCoverage) {
        const close = hits.filter((h) => h.rank >= best.rank * 0.1 && h.coverage >= th.suggestCoverage / 2);
        return { kind: "suggest", topics: close.slice(0, th.maxSuggestions).map((h) => h.topic), pii };
      }
      return { kind: "menu", reason: domain ? "no_match" : "off_topic", pii };
    },
  };
}
