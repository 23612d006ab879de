/**
 * Per-campaign matchers, built once and cached: the campaign's labels and unit names, with their shorthand and
 * prefix-free variants, merged with the built-in vocabulary into one longest-match phrase index.
 */
import type { Campaign, Metric, Unit } from "../campaigns/schema.ts";
import { fold } from "../text/fold.ts";
import { PhraseMatcher } from "./phrases.ts";
import { phraseTokens } from "./tokens.ts";
import { builtinVocabulary, SHORTHAND, type Vocab } from "./vocabulary.ts";

export interface CompiledCampaign {
  campaign: Campaign;
  matcher: PhraseMatcher<Vocab>;
  metrics: ReadonlyMap<string, Metric>;
  /** Folded words of each metric's label and aliases, to find a related metric ("kích hoạt" → "tỷ lệ kích hoạt"). */
  metricWords: ReadonlyMap<string, ReadonlySet<string>>;
  /** Every folded form of each metric's label and aliases. */
  metricPhrases: ReadonlyMap<string, readonly string[]>;
  /** Unit by upper-cased code. */
  units: ReadonlyMap<string, Unit>;
}

const cache = new WeakMap<Campaign, CompiledCampaign>();

/** Administrative prefixes that people drop: "Huyện Sơn Tịnh" is written "Sơn Tịnh". */
const UNIT_PREFIXES = ["huyen", "thi xa", "thanh pho", "tp", "quan", "thi tran", "xa", "phuong", "tinh", "ubnd huyen", "ubnd"];
/** Label openings that are markers of their own; the label is also indexed without them so the marker still counts. */
const LABEL_LEADS = ["tong so", "luy ke", "so luong", "so"];

/** Measure words ("hồ sơ", "tài khoản"): a label stripped down to one of them would claim every figure. */
const COUNTERS = new Set(builtinVocabulary().filter(([, v]) => v.counter).map(([p]) => p));

const mergeVocab = (a: Vocab, b: Vocab): Vocab => ({ ...a, ...b });

/** Adds shorthand forms both ways ("tài khoản" ↔ "tk") and returns every variant of a folded phrase. */
export function phraseVariants(folded: string): string[] {
  const seen = new Set([folded]);
  let frontier = [folded];
  for (let round = 0; round < 3 && frontier.length > 0; round++) {
    const next: string[] = [];
    for (const p of frontier) {
      const padded = ` ${p} `;
      for (const [long, shorts] of SHORTHAND) {
        for (const s of shorts) {
          for (const [from, to] of [[long, s], [s, long]] as const) {
            if (!padded.includes(` ${from} `)) continue;
            const v = padded.replace(` ${from} `, ` ${to} `).trim();
            if (!seen.has(v) && seen.size < 64) {
              seen.add(v);
              next.push(v);
            }
          }
        }
      }
    }
    frontier = next;
  }
  return [...seen];
}

function normPhrase(s: string): string {
  return phraseTokens(fold(s.normalize("NFC"))).join(" ");
}

function compileMetrics(c: Campaign, m: PhraseMatcher<Vocab>, words: Map<string, Set<string>>, phrases: Map<string, string[]>): void {
  for (const metric of c.metrics) {
    const set = new Set<string>();
    const list: string[] = [];
    phrases.set(metric.key, list);
    for (const phrase of [metric.label, ...metric.aliases]) {
      const base = normPhrase(phrase);
      if (!base) continue;
      const forms = new Set([base]);
      for (const lead of LABEL_LEADS)
        if (base.startsWith(`${lead} `) && !COUNTERS.has(base.slice(lead.length + 1))) forms.add(base.slice(lead.length + 1));
      for (const form of forms)
        for (const v of phraseVariants(form)) {
          const words = phraseTokens(v);
          m.add(words, { metric: metric.key }, mergeVocab);
          list.push(words.join(" "));
          for (const w of words) set.add(w);
        }
    }
    words.set(metric.key, set);
  }
}

function compileUnits(c: Campaign, m: PhraseMatcher<Vocab>): void {
  for (const unit of c.units) {
    for (const phrase of [unit.name, ...unit.aliases]) {
      const base = normPhrase(phrase);
      if (!base) continue;
      m.add(phraseTokens(base), { unit: unit.code }, mergeVocab);
      for (const prefix of UNIT_PREFIXES) {
        if (!base.startsWith(`${prefix} `)) continue;
        const rest = base.slice(prefix.length + 1);
        // "Phường 2" → "2" would match every figure: a bare remainder must be a real name.
        if (rest.includes(" ") || (rest.length >= 4 && !/\d/.test(rest))) m.add(phraseTokens(rest), { unit: unit.code }, mergeVocab);
      }
    }
    if (unit.code.length >= 3) m.add(phraseTokens(unit.code.toLowerCase()), { unit: unit.code, upperOnly: true }, mergeVocab);
  }
}

/** The compiled form of `campaign`, built on first use and cached for the campaign object's lifetime. */
export function compileCampaign(campaign: Campaign): CompiledCampaign {
  const hit = cache.get(campaign);
  if (hit) return hit;
  const matcher = new PhraseMatcher<Vocab>();
  for (const [phrase, meaning] of builtinVocabulary()) matcher.add(phraseTokens(phrase), meaning, mergeVocab);
  const metricWords = new Map<string, Set<string>>();
  const metricPhrases = new Map<string, string[]>();
  compileMetrics(campaign, matcher, metricWords, metricPhrases);
  compileUnits(campaign, matcher);
  const compiled: CompiledCampaign = {
    campaign,
    matcher,
    metrics: new Map(campaign.metrics.map((m) => [m.key, m])),
    metricWords,
    metricPhrases,
    units: new Map(campaign.units.map((u) => [u.code.toUpperCase(), u])),
  };
  cache.set(campaign, compiled);
  return compiled;
}
