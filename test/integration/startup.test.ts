import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const TSX = join(process.cwd(), "node_modules/.bin/tsx");

/** Starts the server; with `until`, waits for the listening line, reads /healthz, then stops it with SIGTERM. */
function run(env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string; health?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ["src/main.ts"], { env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let health: unknown;
    let seen = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out\n${stdout}\n${stderr}`));
    }, 20_000);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
      const m = seen ? null : until?.exec(stdout);
      if (m) {
        seen = true;
        fetch(`${m[1]}/healthz`)
          .then((r) => r.json())
          .then((body) => (health = body), reject)
          .finally(() => child.kill("SIGTERM"));
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, health });
    });
  });
}

const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");

describe("npm start", () => {
  it("serves /healthz with the demo campaigns in the database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-"));
    const result = await run({ DATABASE_PATH: join(dir, "sub/chiendich.db"), PORT: "0" }, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
    expect(result.code).toBe(0); // graceful shutdown on SIGTERM
    const body = result.health as { campaigns: { id: string }[] };
    expect(body.campaigns.map((c) => c.id).sort()).toEqual(["binh-phuoc-dvc-92", "binh-phuoc-vneid-90"]);
  }, 30_000);

  it("exits non-zero naming the file and field of a bad campaign, and leaves the database unchanged", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cdb-"));
    const db = join(dir, "chiendich.db");
    // A first good start creates the database.
    expect((await run({ DATABASE_PATH: db, PORT: "0" }, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/)).code).toBe(0);
    const before = sha(db);
    const bad = join(dir, "tinh.yaml");
    const demo = readFileSync("src/campaigns/demo/binh-phuoc-vneid-90.yaml", "utf8");
    writeFileSync(bad, demo.replace(/phaseTargets: \{ p1: \{ activated: \d+ \} \}/, 'phaseTargets: { p1: { activated: "nhiều" } }'));
    const result = await run({ DATABASE_PATH: db, PORT: "0", CAMPAIGN_FILES: bad });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tinh\.yaml: units\[0\]\.phaseTargets\.p1\.activated: /);
    expect(sha(db)).toBe(before);
  }, 40_000);
});
