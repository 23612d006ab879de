/**
 * The citizen knowledge base: `locales/<lng>/kb.json`, validated once at start-up so a broken edit fails fast
 * with the path of the bad field instead of answering citizens with `undefined`.
 */
import { z } from "zod";
import { readLocaleResources, type Locale } from "../i18n.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD");

export const kbTopicSchema = z.object({
  title: z.string().min(1),
  /**
   * How citizens ask it, one question per line. One string rather than a list: these are matching examples, not
   * translations, so vi and en may hold different numbers of them while keeping the same keys.
   */
  questions: z
    .string()
    .transform((s) => s.split("\n").map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1)),
  /** Short, numbered steps; `local_help` carries the `{{help}}` placeholder. */
  answer: z.string().min(1),
  /** The official page the answer was written from. */
  source: z.url(),
  /** When a person last checked the answer against the source. */
  reviewed: isoDate,
});

export const kbSchema = z.object({
  topics: z.record(z.string().regex(/^[a-z0-9_]+$/), kbTopicSchema).refine((t) => Object.keys(t).length > 0),
  localHelpFallback: z.string().min(1),
  menu: z.string().min(1),
  suggest: z.string().min(1),
  privacyReminder: z.string().min(1),
  sourceLine: z.string().min(1),
});

export type KbTopicContent = z.output<typeof kbTopicSchema>;
export type KnowledgeBaseFile = z.output<typeof kbSchema>;

/** One topic with its id and the questions of every locale (matching is language-independent). */
export interface KbTopic {
  id: string;
  /** Titles and example questions from all locales: what the search index learns from. */
  texts: string[];
}

/** Thrown when a `kb.json` file does not match the schema; `cause` is the zod error. */
export class KnowledgeBaseError extends Error {
  readonly code = "KB_INVALID";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KnowledgeBaseError";
  }
}

/** Validates one locale's `kb` namespace. */
export function parseKnowledgeBase(data: unknown, label = "kb"): KnowledgeBaseFile {
  const parsed = kbSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new KnowledgeBaseError(`${label}: ${issue?.path.join(".")}: ${issue?.message}`, { cause: parsed.error });
  }
  if (!parsed.data.topics.local_help?.answer.includes("{{help}}"))
    throw new KnowledgeBaseError(`${label}: topics.local_help.answer must contain {{help}}`);
  return parsed.data;
}

/**
 * Reads and validates `kb.json` of every locale and merges the topics for matching.
 * @param resources the output of `readLocaleResources()` (default: read from `locales/`)
 * @throws KnowledgeBaseError when a file is invalid or the locales disagree on topic ids
 */
export function loadKnowledgeBase(resources = readLocaleResources()): {
  topics: KbTopic[];
  files: Record<Locale, KnowledgeBaseFile>;
} {
  const vi = parseKnowledgeBase(resources.vi?.kb, "locales/vi/kb.json");
  const en = parseKnowledgeBase(resources.en?.kb, "locales/en/kb.json");
  const ids = Object.keys(vi.topics);
  if (ids.join() !== Object.keys(en.topics).join())
    throw new KnowledgeBaseError("locales/vi/kb.json and locales/en/kb.json list different topics");
  const topics = ids.map((id) => {
    const texts: string[] = [];
    for (const file of [vi, en]) {
      const t = file.topics[id]!;
      texts.push(t.title, ...t.questions);
    }
    return { id, texts };
  });
  return { topics, files: { vi, en } };
}
