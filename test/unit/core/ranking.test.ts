import { describe, expect, it } from "vitest";
import { competitionRanks, rankOrder, topBy } from "../../../src/core/progress/ranking.ts";

describe("competitionRanks", () => {
  it("ranks higher scores first, ties sharing a rank and the next rank skipped", () => {
    expect(competitionRanks([50, 80, 80, 10, 95], false)).toEqual([4, 2, 2, 5, 1]);
  });

  it("ranks lower scores first when lower is better", () => {
    expect(competitionRanks([3.5, 1.2, 3.5, 0], true)).toEqual([3, 2, 3, 1]);
  });

  it("leaves units without a score unranked, and counts only the scored", () => {
    expect(competitionRanks([null, 7, null, 7, 9], false)).toEqual([null, 2, null, 2, 1]);
    expect(competitionRanks([null, null], false)).toEqual([null, null]);
    expect(competitionRanks([], true)).toEqual([]);
  });

  it("re-ranks a subset from its ranks over a larger set (lower first), ties staying ties", () => {
    expect(competitionRanks([2, 2, 7, null, 9], true)).toEqual([1, 1, 3, null, 4]);
  });
});

describe("rankOrder", () => {
  it("orders positions by rank, ties in list order, the unranked last in list order", () => {
    expect(rankOrder([3, null, 1, 3, null, 2])).toEqual([2, 5, 0, 3, 1, 4]);
  });
});

describe("topBy", () => {
  it("keeps the highest first, ties in list order, as a stable sort would", () => {
    const items = [["a", 5], ["b", 9], ["c", 5], ["d", 9], ["e", 1], ["f", 7]] as const;
    const sorted = [...items].sort((x, y) => y[1] - x[1]);
    for (const k of [0, 1, 2, 3, 6, 10]) expect(topBy(items, k, (x) => x[1]), `k=${k}`).toEqual(sorted.slice(0, k));
  });
});
