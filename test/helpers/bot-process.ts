/**
 * The bot as production runs it: `src/main.ts` in a child process (through tsx) on a database file, with its
 * output captured. For the tests that kill it mid-stream and for measuring it from outside (memory, latency).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SECRET_HEADER } from "../../src/channels/telegram/webhook.ts";
import { FAKE_TOKEN } from "./fake-bot-api.ts";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

export interface BotProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Peak resident memory so far, in bytes (Linux /proc), while the process lives. */
  peakRss(): number | undefined;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/**
 * Starts the bot with exactly `env` (plus PATH), never the caller's environment nor a developer's `.env` values
 * for the variables given; resolves once it answers on /healthz.
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: projectRoot,
    env: { PATH: process.env["PATH"] ?? "", HOST: "127.0.0.1", PORT: String(port), ZALO_ENABLED: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (output += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (output += s));
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));

  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code === null ? -1 : code));
  // Listening means ready: the webhook route exists from then on (whatever LOG_LEVEL hides).
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`bot exited with ${exitCode} before it was ready:\n${output}`);
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`bot not ready after ${timeoutMs} ms:\n${output}`);
    }
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => output,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      return exited;
    },
    peakRss() {
      try {
        const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1];
        return kb ? Number(kb) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** A bot on Telegram webhooks against the fake Bot API at `apiRoot`, with Telegram's pacing lifted. */
export function telegramBotEnv(o: { databasePath: string; apiRoot: string; secret: string }): Record<string, string> {
  return {
    DATABASE_PATH: o.databasePath,
    TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
    TELEGRAM_API_ROOT: o.apiRoot,
    TELEGRAM_WEBHOOK_SECRET: o.secret,
    PUBLIC_URL: "https://bot.example.gov.vn",
    TELEGRAM_SENDS_PER_SECOND: "1000",
    TELEGRAM_SENDS_PER_CHAT_PER_MINUTE: "100000",
  };
}

/** POSTs one Update to the bot's webhook; resolves with the HTTP status, or 0 when the connection failed. */
export async function postUpdate(url: string, secret: string, update: unknown): Promise<number> {
  try {
    const res = await fetch(`${url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", [SECRET_HEADER]: secret },
      body: JSON.stringify(update),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
