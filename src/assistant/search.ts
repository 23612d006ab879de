/**
 * The topic index: MiniSearch (BM25 with fuzzy and prefix matching) over every example question of every
 * topic, one document per question, with the Vietnamese analyzer as its tokenizer. Ranking is MiniSearch's;
 * this module only groups documents by topic and measures how much of the question a topic explains.
 */
import MiniSearch from "minisearch";
import { BIGRAM_MARK, createAnalyzer, vocabularyOf, type Analyzer } from "./analyzer.ts";
import type { KbTopic } from "./knowledge-base.ts";

/** One topic's standing for a question. */
export interface TopicHit {
  topic: string;
  /** MiniSearch score of the topic's best question (unbounded; grows with the question's length). */
  score: number;
  /**
   * Share of the question's content words, weighted by rarity (IDF), that this topic's questions contain
   * (exactly, fuzzily or by prefix): 0–1. Low coverage means the question talks about something else.
   */
  coverage: number;
  /**
   * What topics are ranked by: `score × coverage²`. MiniSearch multiplies a document's score by the number of
   * query terms it matches, so a question sharing several common words ("đăng ký", "ở đâu") would beat one
   * sharing the single rare word that matters ("nfc"); coverage, weighted by rarity, corrects that.
   */
  rank: number;
}

export interface TopicSearch {
  readonly analyzer: Analyzer;
  /** Topics ranked best first by `rank` (only those matching at least one term). */
  search(text: string): TopicHit[];
}

interface Doc {
  id: number;
  topic: string;
  /** The same question twice: single words are indexed from `words`, bigrams from `pairs`. */
  words: string;
  pairs: string;
}

export interface TopicSearchOptions {
  /** Weight of bigram matches against single-word matches (default 0.5): bigrams confirm, words decide. */
  pairBoost?: number;
}

/** Single words: one typo allowed from 5 letters ("pascode"); bigrams from 8 characters. Short words: exact. */
function fuzziness(term: string): number | false {
  if (term.startsWith(BIGRAM_MARK)) return term.length >= 8 ? 1 : false;
  return term.length >= 5 ? 1 : false;
}

/** Creates the index for `topics`. Building takes a few milliseconds for a few hundred questions. */
export function createTopicSearch(topics: readonly KbTopic[], options: TopicSearchOptions = {}): TopicSearch {
  const analyzer = createAnalyzer(vocabularyOf(topics.flatMap((t) => t.texts)));
  const docs: Doc[] = topics.flatMap((t) => t.texts.map((text) => ({ id: 0, topic: t.id, words: text, pairs: text })));
  docs.forEach((d, i) => (d.id = i));

  const index = new MiniSearch<Doc>({
    fields: ["words", "pairs"],
    storeFields: ["topic"],
    // Queries are tokenized without a field name and so carry both kinds of terms; each finds its own field.
    tokenize: (text, field) =>
      analyzer.terms(text).filter((t) => field === undefined || t.startsWith(BIGRAM_MARK) === (field === "pairs")),
    processTerm: (term) => term,
    searchOptions: {
      boost: { words: 1, pairs: options.pairBoost ?? 0.5 },
      fuzzy: fuzziness,
      prefix: (term) => !term.startsWith(BIGRAM_MARK) && term.length >= 5,
      weights: { fuzzy: 0.4, prefix: 0.3 },
    },
  });
  index.addAll(docs);

  // In how many topics each word occurs, for weighting coverage: a word found in one topic ("nfc") says more
  // than one found in many ("vneid"). Counted per topic, not per question, because topics are what we rank.
  const topicsOf = new Map<string, Set<string>>();
  for (const d of docs)
    for (const w of analyzer.contentWords(d.words)) topicsOf.set(w, (topicsOf.get(w) ?? new Set()).add(d.topic));
  const idf = (w: string) => Math.log(1 + topics.length / (topicsOf.get(w)?.size ?? 0.5));

  return {
    analyzer,
    search(text) {
      const content = [...new Set(analyzer.contentWords(text))];
      if (content.length === 0) return [];
      const byTopic = new Map<string, { score: number; matched: Set<string> }>();
      for (const r of index.search(text)) {
        const topic = r.topic as string;
        const entry = byTopic.get(topic) ?? { score: 0, matched: new Set<string>() };
        entry.score = Math.max(entry.score, r.score);
        for (const q of r.queryTerms) entry.matched.add(q);
        byTopic.set(topic, entry);
      }
      const total = content.reduce((s, w) => s + idf(w), 0);
      return [...byTopic]
        .map(([topic, e]) => {
          const coverage = content.reduce((s, w) => s + (e.matched.has(w) ? idf(w) : 0), 0) / total;
          return { topic, score: e.score, coverage, rank: e.score * coverage * coverage };
        })
        .sort((a, b) => b.rank - a.rank);
    },
  };
}
