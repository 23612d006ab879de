/**
 * The saved Zalo session: `{ cookie, imei, userAgent }` as JSON in one file, readable by the owner only (0600).
 * A file rather than a table: `npm run zalo:login` can write it without the database, an operator can delete it
 * to force a new login, and it never ends up in a database backup shared with others.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Config } from "../../config.ts";
import type { ZaloApi, ZaloCredentials } from "./api.ts";

/** Thrown when the credentials file exists but cannot be used. */
export class ZaloCredentialsError extends Error {
  readonly code = "ZALO_CREDENTIALS_INVALID";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ZaloCredentialsError";
  }
}

/** The folder the database lives in (`./data` for an in-memory database): the QR image and session go there. */
export function dataFolder(config: Pick<Config, "DATABASE_PATH">): string {
  const db = config.DATABASE_PATH;
  return db === ":memory:" || db.startsWith("file:") ? resolve("data") : dirname(resolve(db));
}

/** `ZALO_CREDENTIALS_PATH`, or `zalo-credentials.json` beside the database. */
export function credentialsPath(config: Pick<Config, "DATABASE_PATH" | "ZALO_CREDENTIALS_PATH">): string {
  return config.ZALO_CREDENTIALS_PATH ? resolve(config.ZALO_CREDENTIALS_PATH) : join(dataFolder(config), "zalo-credentials.json");
}

export interface CredentialStore {
  readonly path: string;
  /** The saved session, or null when nobody has logged in yet. */
  load(): ZaloCredentials | null;
  /** Writes the session atomically with mode 0600. */
  save(credentials: ZaloCredentials): void;
}

export function createCredentialStore(path: string): CredentialStore {
  return {
    path,
    load() {
      if (!existsSync(path)) return null;
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, "utf8"));
      } catch (err) {
        throw new ZaloCredentialsError(`${path} is not valid JSON; run npm run zalo:login again`, { cause: err });
      }
      const c = parsed as Partial<ZaloCredentials> | null;
      if (!c || !c.cookie || typeof c.imei !== "string" || typeof c.userAgent !== "string") {
        throw new ZaloCredentialsError(`${path} lacks cookie, imei or userAgent; run npm run zalo:login again`);
      }
      return c as ZaloCredentials;
    },
    save(credentials) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      const { cookie, imei, userAgent, language } = credentials;
      writeFileSync(tmp, `${JSON.stringify({ cookie, imei, userAgent, ...(language ? { language } : {}) }, null, 2)}\n`, { mode: 0o600 });
      chmodSync(tmp, 0o600); // `mode` is masked by the umask and ignored when the file existed
      renameSync(tmp, path);
    },
  };
}

/**
 * The session as it is now: Zalo rotates cookies on many requests, so the jar is read again from the live API
 * (`getCookie()`), with the device identity from the context. Null when the jar cannot be serialised.
 */
export function currentCredentials(api: ZaloApi): ZaloCredentials | null {
  const jar = api.getCookie().toJSON();
  if (!jar || jar.cookies.length === 0) return null;
  const { imei, userAgent, language } = api.getContext();
  return { cookie: jar.cookies as ZaloCredentials["cookie"], imei, userAgent, language };
}
