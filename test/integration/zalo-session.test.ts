/**
 * The Zalo session across restarts: saved by the login, reused at start-up (`checkUpdate: false`), saved again
 * as the cookies rotate and at shutdown, and, when it has expired, a channel that says what to do.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZaloApi, ZaloCredentials } from "../../src/channels/zalo/api.ts";
import { createCredentialStore, createZaloChannel, createZaloLogin, type CredentialStore, type ZaloChannel } from "../../src/channels/zalo/index.ts";
import type { ZaloFactory } from "../../src/channels/zalo/login.ts";
import { createOutbox } from "../../src/scheduling/outbox.ts";
import type { Runtime } from "../../src/runtime.ts";
import { FakeZalo, zaloError } from "../helpers/fake-zalo.ts";
import { silentLogger, testRuntime } from "../helpers/runtime.ts";

let rt: Runtime;
let dir: string;
let store: CredentialStore;
let logins: { options: unknown; credentials: ZaloCredentials }[];
let alerts: string[];
const channels: ZaloChannel[] = [];

const SAVED: ZaloCredentials = {
  cookie: [{ key: "zpw_sek", value: "sek-0", domain: "chat.zalo.me", path: "/" }],
  imei: "f3c1a2b4-imei-test",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0",
};

function factory(next: () => FakeZalo | Promise<never>): ZaloFactory {
  return (options) => ({
    login: async (credentials) => {
      logins.push({ options, credentials: structuredClone(credentials) });
      return next();
    },
  });
}

function channel(login: () => Promise<ZaloApi>, over: { saveEveryMs?: number } = {}): ZaloChannel {
  const outbox = createOutbox({ db: rt.db, logger: silentLogger, senders: {} });
  const c = createZaloChannel({
    config: rt.config,
    core: rt.core,
    outbox,
    db: rt.db,
    i18n: rt.i18n,
    logger: silentLogger,
    login,
    credentials: store,
    alert: (text) => alerts.push(text),
    reconnect: { baseDelayMs: 2, maxDelayMs: 10 },
    ...over,
  });
  channels.push(c);
  return c;
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const savedCookie = () => (JSON.parse(readFileSync(store.path, "utf8")) as { cookie: { value: string }[] }).cookie[0]!.value;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "zalo-session-"));
  rt = testRuntime();
  store = createCredentialStore(join(dir, "data", "zalo-credentials.json"));
  logins = [];
  alerts = [];
});

afterEach(async () => {
  for (const c of channels.splice(0)) await c.stop();
  rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("zalo session", () => {
  it("logs in with the saved session, saves the rotating cookies, and the next start reuses them", async () => {
    store.save(SAVED);
    const fake = new FakeZalo();
    const first = channel(createZaloLogin(store, factory(() => fake)), { saveEveryMs: 20 });
    await first.start();
    await until(() => first.health().state === "up");
    expect(logins[0]!.credentials).toEqual(SAVED);
    expect(logins[0]!.options).toMatchObject({ checkUpdate: false, selfListen: true });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(savedCookie()).toBe("sek-1"); // saved as soon as connected

    fake.cookies[0]!.value = "sek-2"; // Zalo rotated the cookie
    await until(() => savedCookie() === "sek-2"); // the periodic save
    fake.cookies[0]!.value = "sek-3";
    await first.stop();
    expect(savedCookie()).toBe("sek-3"); // and the one at shutdown
    expect(statSync(store.path).mode & 0o777).toBe(0o600);

    const second = channel(createZaloLogin(store, factory(() => new FakeZalo())));
    await second.start();
    expect(logins[1]!.credentials.cookie).toEqual([{ key: "zpw_sek", value: "sek-3", domain: "chat.zalo.me", path: "/" }]);
    expect(logins[1]!.credentials.imei).toBe(SAVED.imei);
  });

  it("stays down and says to run npm run zalo:login when no session was saved", async () => {
    const c = channel(createZaloLogin(store, factory(() => new FakeZalo())));
    await c.start();
    expect(logins).toEqual([]);
    expect(c.health()).toMatchObject({ state: "down" });
    expect(c.health().detail).toContain("npm run zalo:login");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain("npm run zalo:login");
  });

  it("logs in again after repeated failed reconnects, and stops with an alert when the session has expired", async () => {
    store.save(SAVED);
    const fake = new FakeZalo();
    let calls = 0;
    const c = channel(createZaloLogin(store, factory(() => (++calls === 1 ? fake : Promise.reject(zaloError("Đăng nhập thất bại"))))));
    await c.start();
    await until(() => c.health().state === "up");
    fake.listener.failStarts = 100; // the network is back but the cookies no longer open a socket
    fake.listener.close(1006);
    await until(() => alerts.length > 0);
    expect(fake.listener.starts).toBe(6); // the first start, then 5 failed reconnects before logging in again
    expect(logins).toHaveLength(2);
    expect(c.health()).toMatchObject({ state: "down" });
    expect(c.health().detail).toContain("hết hạn");
    expect(alerts[0]).toContain("Đăng nhập thất bại");
    const starts = fake.listener.starts;
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.listener.starts).toBe(starts); // no more retries
  });
});
