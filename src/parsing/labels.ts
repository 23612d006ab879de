/**
 * Which label a figure belongs to: the nearest fitting label in its clause, before it ("Kích hoạt: 856") or, when
 * that label has no figure of its own, right after it ("856 tài khoản kích hoạt", "300 hồ sơ mức 1"). A figure
 * of another type than its label goes to a related metric ("kích hoạt … 10,7%" → "tỷ lệ kích hoạt").
 */
import type { Metric } from "../campaigns/schema.ts";
import type { CompiledCampaign } from "./compile.ts";
import type { Event } from "./events.ts";
import type { Figure } from "./figures.ts";
import type { Token } from "./tokens.ts";

export type LabelEv = Extract<Event, { k: "label" }>;

/** Whether a figure written as `fig` can be a value of `metric`. */
export function fits(fig: Figure, metric: Metric): boolean {
  if (metric.type === "count") return fig.type === "count" || fig.type === "bare";
  if (metric.type === "money") return fig.type === "money" || fig.type === "bare";
  return fig.type === "percent" || (fig.type === "bare" && fig.magnitude === 1 && !fig.fraction && Number(fig.raw.replace(",", ".")) <= 100);
}

/** A metric of the figure's type that shares words with a label of another type ("kích hoạt … 10,7%" → "tỷ lệ kích hoạt"). */
function related(c: CompiledCampaign, label: LabelEv, fig: Figure, tokens: readonly Token[]): Metric | null {
  if (fig.type === "bare") return null;
  const labelWords = tokens.slice(label.from, label.to).filter((t) => t.kind !== "p").map((t) => t.text);
  let best: Metric | null = null;
  let bestScore = 0;
  let ofType = 0;
  for (const m of c.metrics.values()) {
    if (m.key === label.metric || !fits(fig, m)) continue;
    ofType++;
    const words = c.metricWords.get(m.key)!;
    const phrase = ` ${labelWords.join(" ")} `;
    const contains = (c.metricPhrases.get(m.key) ?? []).some((p) => ` ${p} `.includes(phrase));
    const score = labelWords.filter((w) => words.has(w)).length + (contains ? 100 : 0);
    if (score > bestScore) [best, bestScore] = [m, score];
  }
  return best ?? (ofType === 1 ? [...c.metrics.values()].find((m) => m.key !== label.metric && fits(fig, m))! : null);
}

/** The label (and metric) figure `k` belongs to; `lastLabel` is the last label event before it, or -1. */
export function chooseLabel(c: CompiledCampaign, evs: readonly Event[], tokens: readonly Token[], lastLabel: number, b: number, k: number, fig: Figure): { label: LabelEv; metric: Metric; at: number } | null {
  // The previous label counts when few words (a comma counts two) separate it from the figure.
  let prev: LabelEv | null = null;
  let prevAt = -1;
  if (lastLabel >= 0 && k - lastLabel <= 60) {
    let dist = 0;
    for (let j = lastLabel + 1; j < k; j++) {
      const e = evs[j]!;
      if (e.k === "word") dist++;
      else if (e.k === "soft") dist += 2;
    }
    if (dist <= 15) [prev, prevAt] = [evs[lastLabel] as LabelEv, lastLabel];
  }
  let next: LabelEv | null = null;
  let nextAt = -1;
  for (let j = k + 1, dist = 0; j < b && dist <= 2; j++) {
    const e = evs[j]!;
    if (e.k === "label") {
      [next, nextAt] = [e, j];
      break;
    }
    if (e.k === "soft" || e.k === "fig") break;
    if (e.k === "word") dist++;
  }
  let nextHead = false;
  for (let j = nextAt + 1, dist = 0; nextAt >= 0 && j < b && dist <= 4; j++) {
    const e = evs[j]!;
    if (e.k === "fig") nextHead = true;
    if (e.k === "fig" || e.k === "soft" || e.k === "label") break;
    if (e.k === "word") dist++;
  }
  // "25/25 TTHC phát sinh hồ sơ trực tuyến": a fraction describes a share of things, not the label after it.
  if (fig.fraction) next = null;
  const order: Array<[LabelEv | null, number]> = next && !nextHead && (!prev || prev.metric !== next.metric) ? [[next, nextAt], [prev, prevAt]] : [[prev, prevAt], [next, nextAt]];
  for (const [label, at] of order) {
    if (!label) continue;
    const m = c.metrics.get(label.metric)!;
    if (fits(fig, m)) return { label, metric: m, at };
    const r = related(c, label, fig, tokens);
    if (r) return { label, metric: r, at };
  }
  return null;
}
