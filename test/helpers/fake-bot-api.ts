/**
 * A fake Telegram Bot API on 127.0.0.1: `POST /bot<token>/<method>` with JSON or multipart bodies, as grammY
 * sends them. It records every call with its parameters, answers like Telegram (`{ ok: true, result }` with
 * Message objects), and can be told to fail the next calls of a method (429 with `retry_after`, 400, 403) or to
 * refuse reactions. `getUpdates` serves queued updates for long-polling tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";

export const FAKE_TOKEN = "7000000001:AAFakeTokenForTestsOnly_0123456789abc";

export const FAKE_BOT: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: "Trợ lý chiến dịch",
  username: "chiendich_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: true,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** Files sent as multipart parts. */
  files: { field: string; filename: string; size: number }[];
  at: number;
}

export interface ApiFailure {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeBotApi {
  /** The `apiRoot` to give grammY (`TELEGRAM_API_ROOT`). */
  readonly url: string;
  readonly calls: RecordedCall[];
  callsOf(method: string): RecordedCall[];
  /** The next `times` calls of `method` fail with `failure`. */
  failNext(method: string, times: number, failure: ApiFailure): void;
  /** Reactions are refused like in a chat that allows none (400 REACTION_INVALID). */
  refuseReactions(refuse?: boolean): void;
  /** What `getMe` answers. */
  setBotInfo(info: UserFromGetMe): void;
  /** Updates for `getUpdates` (long polling). */
  queueUpdates(...updates: Update[]): void;
  /** Resolves with the calls of `method` once there are at least `count`; rejects after `timeoutMs`. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<RecordedCall[]>;
  clear(): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

const maybeJson = (v: string): unknown => {
  if (!/^[[{]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** grammY's multipart: `content-disposition:form-data;name="x"[;filename=y]`, then the value. */
function parseMultipart(body: Buffer, boundary: string): Pick<RecordedCall, "params" | "files"> {
  const params: Record<string, unknown> = {};
  const files: RecordedCall["files"] = [];
  for (const raw of body.toString("latin1").split(`--${boundary}`)) {
    const sep = raw.indexOf("\r\n\r\n");
    if (sep < 0) continue;
    const head = raw.slice(0, sep);
    const content = raw.slice(sep + 4).replace(/\r\n$/, "");
    const name = /name="([^"]+)"/i.exec(head)?.[1];
    if (!name) continue;
    const filename = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1];
    if (filename) files.push({ field: name, filename: Buffer.from(filename, "latin1").toString("utf8"), size: Buffer.byteLength(content, "latin1") });
    else params[name] = maybeJson(Buffer.from(content, "latin1").toString("utf8"));
  }
  // Resolve attach://id to the file's name, as the real server does.
  for (const [k, v] of Object.entries(params)) {
    const id = typeof v === "string" ? /^attach:\/\/(.+)$/.exec(v)?.[1] : undefined;
    const file = id ? files.find((f) => f.field === id) : undefined;
    if (file) file.field = k;
  }
  return { params, files };
}

export async function startFakeBotApi(opts: { token?: string; latencyMs?: number } = {}): Promise<FakeBotApi> {
  const token = opts.token ?? FAKE_TOKEN;
  const calls: RecordedCall[] = [];
  const failures = new Map<string, { times: number; failure: ApiFailure }>();
  const updates: Update[] = [];
  const waiters = new Set<() => void>();
  let botInfo = FAKE_BOT;
  let refuse = false;
  let messageSeq = 5000;

  const notify = () => {
    for (const w of [...waiters]) w();
  };

  function message(params: Record<string, unknown>, extra: Record<string, unknown>) {
    const chatId = Number(params["chat_id"]);
    return {
      message_id: ++messageSeq,
      date: Math.floor(Date.now() / 1000),
      chat: chatId < 0 ? { id: chatId, type: "supergroup", title: "Nhóm thử" } : { id: chatId, type: "private", first_name: "Người dùng" },
      from: { id: botInfo.id, is_bot: true, first_name: botInfo.first_name, username: botInfo.username },
      ...extra,
    };
  }

  async function answer(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case "getMe":
        return botInfo;
      case "sendMessage":
        return message(params, { text: params["text"] });
      case "sendPhoto":
        return message(params, { photo: [{ file_id: `ph${messageSeq}`, file_unique_id: `u${messageSeq}`, width: 800, height: 600 }], caption: params["caption"] });
      case "sendDocument":
        return message(params, { document: { file_id: `doc${messageSeq}`, file_unique_id: `u${messageSeq}`, file_name: "file" }, caption: params["caption"] });
      case "setMessageReaction":
      case "answerCallbackQuery":
      case "setMyCommands":
      case "setWebhook":
      case "deleteWebhook":
      case "editMessageReplyMarkup":
        return true;
      case "getUpdates": {
        const offset = Number(params["offset"] ?? 0);
        const pending = () => updates.filter((u) => u.update_id >= offset);
        if (pending().length === 0 && Number(params["timeout"] ?? 0) > 0) {
          // Long poll, but briefly: tests should not wait on an idle connection.
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              waiters.delete(done);
              resolve();
            };
            const timer = setTimeout(done, 200);
            waiters.add(done);
          });
        }
        return pending().slice(0, Number(params["limit"] ?? 100));
      }
      default:
        return undefined;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url?.split("?")[0] ?? "");
    if (!m) return send(404, { ok: false, error_code: 404, description: "Not Found" });
    if (m[1] !== token) return send(401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = m[2]!;
    const body = await readBody(req);
    const type = req.headers["content-type"] ?? "";
    const boundary = /boundary=([^;]+)/.exec(type)?.[1];
    const { params, files } = boundary
      ? parseMultipart(body, boundary)
      : { params: body.length ? (JSON.parse(body.toString("utf8")) as Record<string, unknown>) : {}, files: [] };
    calls.push({ method, params, files, at: Date.now() });
    notify();
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const failing = failures.get(method);
    if (failing && failing.times > 0) {
      failing.times--;
      return send(failing.failure.error_code, { ok: false, ...failing.failure });
    }
    if (method === "setMessageReaction" && refuse) return send(400, { ok: false, error_code: 400, description: "Bad Request: REACTION_INVALID" });
    const result = await answer(method, params);
    if (result === undefined) return send(404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    send(200, { ok: true, result });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsOf: (method) => calls.filter((c) => c.method === method),
    failNext(method, times, failure) {
      failures.set(method, { times, failure });
    },
    refuseReactions(r = true) {
      refuse = r;
    },
    setBotInfo(info) {
      botInfo = info;
    },
    queueUpdates(...u) {
      updates.push(...u);
      notify();
    },
    waitFor(method, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.filter((c) => c.method === method);
          if (found.length < count) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Bot API: expected ${count} ${method} call(s), got ${calls.filter((c) => c.method === method).length}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    clear() {
      calls.length = 0;
      failures.clear();
      refuse = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of [...waiters]) w();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
