import { describe, expect, it } from "vitest";
import { CampaignFileError, parseCampaignYaml } from "../../../src/campaigns/load.ts";

const VALID = `
id: test-vneid
name: "Chiến dịch thử"
start: 2023-06-20
end: 2023-09-20
schedule: { deadline: "17:00", reminders: ["15:00", "16:30"], leaderboard: "20:00" }
metrics:
  - key: activated
    label: Tài khoản đã kích hoạt
    aliases: [kích hoạt, tài khoản kích hoạt]
    type: count
    mode: daily
    target: 650000
  - { key: overdue, label: Tỷ lệ hồ sơ trễ hạn, type: percent, mode: cumulative, better: lower }
phases:
  - { key: p1, label: "Giai đoạn 1", start: 2023-06-20, end: 2023-07-15, targets: { activated: 300000 } }
  - { key: p2, label: "Giai đoạn 2", start: 2023-07-16, end: 2023-09-20, targets: { activated: "80%" } }
units:
  - { code: BSO, name: "Huyện Bình Sơn", aliases: [Bình Sơn], level: district, parent: null, eligible: 150000, targets: { activated: 80000 } }
  - { code: BTO, name: "Huyện Ba Tơ", level: district }
  - { code: 101, name: "Xã Bình Thạnh", level: commune, parent: BSO }
`;

/** Replaces one line of VALID (found by its start) with `line`. */
function variant(find: string, replace: string): string {
  if (!VALID.includes(find)) throw new Error(`fixture has no "${find}"`);
  return VALID.replace(find, replace);
}

function issuesOf(text: string): string[] {
  try {
    parseCampaignYaml(text, "tinh.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(CampaignFileError);
    return (e as CampaignFileError).message.split("\n");
  }
  throw new Error("expected the file to be rejected");
}

describe("campaign file", () => {
  it("accepts a valid file and fills the defaults", () => {
    const c = parseCampaignYaml(VALID, "tinh.yaml");
    expect(c.timezone).toBe("Asia/Ho_Chi_Minh");
    expect(c.cutoff).toBe("06:00");
    expect(c.metrics[0]!.better).toBe("higher");
    expect(c.metrics[1]!.better).toBe("lower");
    expect(c.phases[1]!.targets["activated"]).toEqual({ percentOfEligible: 80 });
    expect(c.units[1]).toMatchObject({ code: "BTO", aliases: [], parent: null, targets: {} });
    expect(c.units[2]!.code).toBe("101");
    expect(c.schedule?.reminders).toEqual(["15:00", "16:30"]);
  });

  it.each([
    ["units[0].targets.activated", variant("targets: { activated: 80000 }", "targets: { activated: nhiều }")],
    ["metrics[0].type", variant("type: count", "type: number")],
    ["metrics[0].key", variant("key: activated", "key: Activated")],
    ["id", variant("id: test-vneid", "id: Test VNeID")],
    ["start", variant("start: 2023-06-20", "start: 2023-02-31")],
    ["end", variant("end: 2023-09-20", "end: 2023-01-01")],
    ["timezone", VALID.replace("start:", "timezone: Mars/Olympus\nstart:")],
    ["schedule.deadline", variant('deadline: "17:00"', 'deadline: "5pm"')],
    ["phases[1].start", variant("start: 2023-07-16", "start: 2023-07-10")],
    ["phases[1].targets.activated", variant('targets: { activated: "80%" }', 'targets: { activated: "tám mươi" }')],
    ["phases[0].targets.accounts", variant("targets: { activated: 300000 }", "targets: { accounts: 300000 }")],
    ["units[2].parent", variant("parent: BSO", "parent: XYZ")],
    ["units[1].code", variant("code: BTO", "code: BSO")],
    ["units[0].eligible", variant("eligible: 150000", "eligible: -5")],
    ["units[1].name", variant('name: "Huyện Ba Tơ", ', "")],
    ["metrics[1].key", variant("key: overdue", "key: activated")],
    ["metrics[1].better", variant("better: lower", "better: smaller")],
  ])("names the field %s in the error", (path, text) => {
    const lines = issuesOf(text);
    expect(lines.some((l) => l.startsWith(`tinh.yaml: ${path}:`)), lines.join("\n")).toBe(true);
  });

  it("says when required sections are missing", () => {
    const lines = issuesOf("id: x\nname: y\nstart: 2023-01-01\nend: 2023-02-01\n");
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^tinh\.yaml: metrics: /), expect.stringMatching(/^tinh\.yaml: units: /)]));
  });

  it("reports YAML syntax errors with the file name", () => {
    const lines = issuesOf("id: [unclosed\nname: x");
    expect(lines[0]).toMatch(/^tinh\.yaml: YAML: /);
  });

  it("rejects duplicate keys and a document that is not a mapping", () => {
    expect(issuesOf("id: a\nid: b\n")[0]).toMatch(/YAML/);
    expect(issuesOf("- just\n- a list\n")[0]).toMatch(/^tinh\.yaml: /);
    expect(issuesOf("")[0]).toMatch(/^tinh\.yaml: /);
  });

  it("reports every problem at once", () => {
    const text = variant("type: count", "type: number").replace("eligible: 150000", "eligible: -5");
    expect(issuesOf(text).length).toBeGreaterThanOrEqual(2);
  });
});
