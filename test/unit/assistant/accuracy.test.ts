/**
 * The labelled question set (test/fixtures/assistant/questions.json): how the assistant does on the way
 * citizens really type. Thresholds and knowledge-base questions were tuned on `"split": "dev"` only.
 * `"holdout"` (every third item of each topic, fixed before tuning) was scored, not tuned on; its misses were
 * seen once. `"holdout2"` was written after all tuning and never changed anything: the cleanest estimate.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAssistant, type AssistantResult } from "../../../src/assistant/assistant.ts";
import { loadKnowledgeBase } from "../../../src/assistant/knowledge-base.ts";

interface Item {
  text: string;
  topic: string | null;
  nfd?: boolean;
  split: "dev" | "holdout" | "holdout2";
  note?: string;
}

const items: Item[] = JSON.parse(readFileSync(new URL("../../fixtures/assistant/questions.json", import.meta.url), "utf8"));
const { topics } = loadKnowledgeBase();
const assistant = createAssistant({ topics });
const ask = (i: Item): AssistantResult => assistant.answer(i.nfd ? i.text.normalize("NFD") : i.text);

/** Share of on-topic items answered with the right topic, and (lenient) answered or suggested first. */
function measure(subset: Item[]) {
  const onTopic = subset.filter((i) => i.topic !== null);
  let answered = 0;
  let firstRight = 0;
  const misses: string[] = [];
  for (const i of onTopic) {
    const r = ask(i);
    if (r.kind === "answer" && r.topic === i.topic) answered++;
    if ((r.kind === "answer" && r.topic === i.topic) || (r.kind === "suggest" && r.topics[0] === i.topic)) firstRight++;
    if (!(r.kind === "answer" && r.topic === i.topic)) misses.push(`${i.topic} ← "${i.text}" got ${JSON.stringify(r)}`);
  }
  return { n: onTopic.length, answered: answered / onTopic.length, firstRight: firstRight / onTopic.length, misses };
}

describe("assistant accuracy on the labelled set", () => {
  it("is a set of at least 150 varied questions", () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    const plain = items.filter((i) => !/[^\x00-\x7f]/.test(i.text) && !i.nfd);
    expect(plain.length / items.length).toBeGreaterThanOrEqual(0.3);
    expect(items.filter((i) => i.nfd).length).toBeGreaterThanOrEqual(10);
    expect(items.filter((i) => i.topic === null).length).toBeGreaterThanOrEqual(20);
    for (const i of items) if (i.topic) expect(assistant.topicIds, i.text).toContain(i.topic);
  });

  it("answers the right topic first in at least 90% of on-topic questions", () => {
    const all = measure(items);
    const dev = measure(items.filter((i) => i.split === "dev"));
    const holdout = measure(items.filter((i) => i.split === "holdout"));
    const holdout2 = measure(items.filter((i) => i.split === "holdout2"));
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      [
        `assistant accuracy (answered with the right topic / right topic first incl. suggestions):`,
        `  all     n=${all.n}: ${pct(all.answered)} / ${pct(all.firstRight)}`,
        `  dev     n=${dev.n}: ${pct(dev.answered)} / ${pct(dev.firstRight)}`,
        `  holdout n=${holdout.n}: ${pct(holdout.answered)} / ${pct(holdout.firstRight)}`,
        `  holdout2 n=${holdout2.n}: ${pct(holdout2.answered)} / ${pct(holdout2.firstRight)}`,
        ...dev.misses.map((m) => `  dev miss: ${m}`),
      ].join("\n"),
    );
    expect(all.answered).toBeGreaterThanOrEqual(0.9);
    expect(holdout.firstRight).toBeGreaterThanOrEqual(0.85);
  });

  it("never answers or suggests a topic for an off-topic message", () => {
    for (const i of items.filter((x) => x.topic === null)) expect(ask(i), i.text).toMatchObject({ kind: "menu" });
  });
});
