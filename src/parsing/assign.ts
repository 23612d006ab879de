/**
 * Ties each figure to a metric and decides daily vs cumulative, clause by clause.
 *
 * A figure goes to the nearest fitting label in its clause: the label before it ("Kích hoạt: 856", "kích hoạt được
 * 856 tài khoản"), or a label right after it that has no figure of its own ("856 tài khoản kích hoạt", "300 hồ sơ
 * mức 1"). A line that names a label or a marker and has no figure heads the lines below it.
 */
import type { Metric } from "../campaigns/schema.ts";
import { chooseLabel, fits, type LabelEv } from "./labels.ts";
import type { CompiledCampaign } from "./compile.ts";
import type { Event } from "./events.ts";
import type { Figure } from "./figures.ts";
import type { Token } from "./tokens.ts";
import type { ValueKind } from "./types.ts";

export interface Assignment {
  fig: Figure;
  metric: Metric;
  kind: ValueKind;
  /** Folded offsets of the excerpt (label … figure). */
  start: number;
  end: number;
}

export interface AssignResult {
  assigned: Assignment[];
  unmatched: Figure[];
  /** The message opens with a request, reminder or meeting notice. */
  openingNotice: boolean;
  reportCue: boolean;
}

const NONE: readonly number[] = [];
type FigEv = Extract<Event, { k: "fig" }>;
type MarkerEv = Extract<Event, { k: "marker" }>;

interface State {
  /** A line that opens with "chỉ tiêu", "mục tiêu"… states targets in all its clauses. */
  lineTarget: boolean;
  headerMetric: string | null;
  /** Per event, shared by all clauses (allocated once per message): its part of the clause, the last label
   * before a figure, the figure a bracketed figure breaks down. */
  sub: Int32Array;
  prevLabelOf: Int32Array;
  parentOf: Int32Array;
  headerKind: ValueKind | null;
  seenContent: boolean;
  out: AssignResult;
}

function pickMarker(evs: readonly Event[], idx: readonly number[], at: number, near: boolean): MarkerEv | null {
  let best: MarkerEv | null = null;
  let bestDist = Infinity;
  for (const j of idx) {
    const e = evs[j] as MarkerEv;
    const dist = Math.abs(j - at);
    if (dist > 40) continue; // in a run-on line, a far marker belongs to another figure
    if (!e.strong && e.kind === "daily" && (!near || dist > 3)) continue; // a bare "mới" only counts next to its figure
    if (!best || (e.strong && !best.strong) || (e.strong === best.strong && dist < bestDist)) [best, bestDist] = [e, dist];
  }
  return best;
}

/** Walks the events clause by clause and assigns every figure it can. */
export function assignFigures(c: CompiledCampaign, evs: readonly Event[], tokens: readonly Token[]): AssignResult {
  const n = evs.length;
  const st: State = { lineTarget: false, sub: new Int32Array(n), prevLabelOf: new Int32Array(n), parentOf: new Int32Array(n), headerMetric: null, headerKind: null, seenContent: false, out: { assigned: [], unmatched: [], openingNotice: false, reportCue: false } };
  let from = 0;
  for (let i = 0; i <= evs.length; i++) {
    const e = evs[i];
    if (e && e.k !== "hard") continue;
    clause(c, evs, tokens, from, i, e?.ch ?? "", st);
    if (!e || e.ch === "\n" || e.ch === ".") st.lineTarget = false;
    from = i + 1;
  }
  return st.out;
}

function clause(c: CompiledCampaign, evs: readonly Event[], tokens: readonly Token[], a: number, b: number, endCh: string, st: State): void {
  let question = endCh === "?";
  let notice = false;
  let content = false;
  const figs: number[] = [];
  const labels: number[] = [];
  const { sub, prevLabelOf, parentOf } = st;
  let lastLabel = -1;
  const stack: number[] = [];
  let s = 0;
  let lastFig = -1;
  let firstContent = b;
  for (let k = a; k < b; k++) {
    const e = evs[k]!;
    if (e.k === "soft") {
      s++;
      if (e.ch === "(" || e.ch === "[") stack.push(lastFig);
      else if ((e.ch === ")" || e.ch === "]") && stack.length) stack.pop();
    }
    sub[k] = s;
    if (e.k === "question") question = true;
    else if (e.k === "notice" || e.k === "chat") notice = true;
    else if (e.k === "cue") st.out.reportCue = true;
    if (e.k === "fig") {
      figs.push(k);
      prevLabelOf[k] = lastLabel;
      parentOf[k] = stack.length ? stack[stack.length - 1]! : -1;
      lastFig = k;
    }
    if (e.k === "label") {
      labels.push(k);
      lastLabel = k;
    }
    if ((e.k === "fig" || e.k === "label") && firstContent === b) firstContent = k;
    if (e.k !== "soft" && e.k !== "hard") content = true;
  }
  if (content && !st.seenContent) {
    st.seenContent = true;
    let hasNotice = false;
    for (let k = a; k < b && notice && !hasNotice; k++) hasNotice = evs[k]!.k === "notice";
    st.out.openingNotice = hasNotice;
  }
  const prefix: number[] = [];
  let prefixTarget = false;
  for (let k = a; k < firstContent; k++) {
    const e = evs[k]!;
    if (e.k === "marker") prefix.push(k);
    if (e.k === "target") prefixTarget = true;
  }
  if (prefixTarget) st.lineTarget = true;
  prefixTarget ||= st.lineTarget;
  if (figs.length === 0) {
    const metrics = new Set(labels.map((k) => (evs[k] as LabelEv).metric));
    if (metrics.size > 0) st.headerMetric = metrics.size === 1 ? [...metrics][0]! : null;
    const sect = prefix.length || labels.length ? evs.slice(a, b).filter((e): e is MarkerEv => e.k === "marker" && e.section) : [];
    if (sect.length) st.headerKind = (sect.find((m) => m.strong) ?? sect[0]!).kind;
    return;
  }
  if (question || notice) return;
  const kinds = new Map<number, ValueKind>();
  // Markers and the first target of each part of the clause, gathered once so long messages stay linear.
  const subMarkers = new Map<number, number[]>();
  const subTarget = new Map<number, number>();
  for (let j = a; j < b; j++) {
    const e = evs[j]!;
    const sj = sub[j]!;
    if (e.k === "marker") (subMarkers.get(sj) ?? subMarkers.set(sj, []).get(sj)!).push(j);
    else if (e.k === "target" && !subTarget.has(sj)) subTarget.set(sj, j);
  }
  for (const k of figs) {
    const fig = (evs[k] as FigEv).fig;
    const mySub = sub[k]!;
    if (prefixTarget || (subTarget.get(mySub) ?? Infinity) < k) continue;
    const markers = subMarkers.get(mySub) ?? NONE;
    const chosen = chooseLabel(c, evs, tokens, prevLabelOf[k]!, b, k, fig);
    let metric = chosen?.metric ?? null;
    if (!chosen && st.headerMetric && labels.length === 0) {
      const hm = c.metrics.get(st.headerMetric);
      if (hm && fits(fig, hm)) metric = hm;
    }
    if (!metric) {
      st.out.unmatched.push(fig);
      continue;
    }
    const own = markers.length ? pickMarker(evs, markers, k, true) : null;
    const parent = parentOf[k]! >= 0 ? parentOf[k]! : undefined;
    const percent = metric.type === "percent";
    const pre = pickMarker(evs, prefix, k, false);
    let kind: ValueKind = metric.mode;
    if (own) kind = own.kind;
    else if (parent !== undefined && kinds.has(parent)) kind = kinds.get(parent)!;
    else if (pre && !(percent && pre.kind === "daily")) kind = pre.kind;
    else if (st.headerKind && !(percent && st.headerKind === "daily")) kind = st.headerKind;
    kinds.set(k, kind);
    const lab = chosen?.label;
    const sameSub = lab && sub[chosen.at] === mySub;
    const start = lab && lab.start < fig.start && sameSub ? lab.start : fig.start;
    const end = lab && lab.end > fig.end && sameSub ? lab.end : fig.end;
    st.out.assigned.push({ fig, metric, kind, start, end });
  }
}
