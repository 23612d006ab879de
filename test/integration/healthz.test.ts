import { afterEach, describe, expect, it } from "vitest";
import type { Channel } from "../../src/core/types.ts";
import { buildApp } from "../../src/server/app.ts";
import { silentLogger, testRuntime } from "../helpers/runtime.ts";

describe("GET /healthz", () => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0)) await c();
  });

  it("reports the database, both demo campaigns and channel states", async () => {
    const rt = testRuntime();
    const zalo = { platform: "zalo", health: () => ({ state: "down", detail: "session expired" }) } as unknown as Channel;
    const app = await buildApp({ db: rt.db, campaigns: rt.campaigns, logger: silentLogger, channels: [zalo] });
    closers.push(() => app.close(), () => rt.close());
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toBe("ok");
    expect(body.campaigns.map((c: { id: string }) => c.id).sort()).toEqual(["binh-phuoc-dvc-92", "binh-phuoc-vneid-90"]);
    expect(body.channels).toEqual({ telegram: { state: "off" }, zalo: { state: "down", detail: "session expired" } });
  });

  it("answers 503 when the database is not usable", async () => {
    const rt = testRuntime();
    const app = await buildApp({ db: rt.db, campaigns: rt.campaigns, logger: silentLogger });
    closers.push(() => app.close());
    rt.close();
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json().database).toBe("error");
  });

  it("answers unknown paths with 404 JSON", async () => {
    const rt = testRuntime();
    const app = await buildApp({ db: rt.db, campaigns: rt.campaigns, logger: silentLogger });
    closers.push(() => app.close(), () => rt.close());
    const res = await app.inject({ method: "GET", url: "/nope" });
    expect(res.statusCode).toBe(404);
  });
});
