/** Spawns the real CLI through tsx and checks its stdout line by line: the CLI's output is a stable contract. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const campaign = join(root, "test/fixtures/campaigns/vneid-quang-ngai.yaml");

function runCli(stdin: string, args = ["--campaign", campaign]) {
  const r = spawnSync(tsx, [join(root, "src/cli/parse.ts"), ...args], { input: stdin, encoding: "utf8", cwd: root, timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("parse CLI", () => {
  it("writes exactly one JSON line per input line, in order, and skips blank lines", () => {
    const input = [
      { text: "Huyện Sơn Tịnh báo cáo kết quả ngày 20/6:\n- Thu nhận: 1.020 hồ sơ (mức 1: 300; mức 2: 720)\n- Kích hoạt: 856 TK, lũy kế 30.115", date: "2023-06-21", unit: null },
      { text: "Kích hoạt: 856 TK, lũy kế 30.115", date: "2023-06-21", unit: "BSO" },
      { text: "Tiến độ?", date: "2023-06-21", unit: "BSO" },
      { text: "Tỷ lệ kích hoạt đạt 31,5%", date: "2023-06-21", unit: "BSO" },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n\n");
    const { status, stdout } = runCli(`${input}\n`);
    expect(status).toBe(0);
    expect(stdout.split("\n")).toEqual([
      '{"report":true,"unit":"STI","date":"2023-06-20","values":{"received":{"daily":1020},"level1":{"daily":300},"level2":{"daily":720},"activated":{"daily":856,"cumulative":30115}}}',
      '{"report":true,"unit":"BSO","date":"2023-06-21","values":{"activated":{"daily":856,"cumulative":30115}}}',
      '{"report":false,"unit":null,"date":null,"values":{}}',
      '{"report":true,"unit":"BSO","date":"2023-06-21","values":{"activation_rate":{"cumulative":31.5}}}',
      "",
    ]);
  });

  it("answers a bad line with an error object on its line and goes on", () => {
    const lines = ["not json", '{"text": 5, "date": "2023-06-21"}', '{"text": "Kích hoạt 5 TK", "date": "hôm nay"}', "[1]", '{"text": "Kích hoạt 5 TK", "date": "2023-06-21", "unit": "BTO"}'];
    const { status, stdout } = runCli(lines.join("\n"));
    expect(status).toBe(0);
    const out = stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    for (const o of out.slice(0, 4)) expect(Object.keys(o)).toEqual(["error"]);
    expect(out[4]).toEqual({ report: true, unit: "BTO", date: "2023-06-21", values: { activated: { daily: 5 } } });
  });

  it("fails with a usage message on stderr and nothing on stdout without --campaign", () => {
    const { status, stdout, stderr } = runCli("", []);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/--campaign/);
  });
});
