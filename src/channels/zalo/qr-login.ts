/**
 * The QR login behind `npm run zalo:login`: shows the code in the terminal and saves it as a PNG beside the
 * database, says when the phone scanned it, offers a new code when one expires (up to `maxRetries`), and saves
 * the session (`GotLoginInfo`: cookie, imei, userAgent) with mode 0600 for the bot to reuse.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Translate } from "../../i18n.ts";
import type { CredentialStore } from "./credentials.ts";
import { ZCA_OPTIONS } from "./login.ts";
import { qrForTerminal } from "./qr-terminal.ts";
import { LoginQRCallbackEventType, Zalo, type LoginQRCallback, type Options } from "./zca.ts";

export type QrZaloFactory = (options: Partial<Options>) => {
  loginQR(options: { qrPath?: string }, callback: LoginQRCallback): Promise<{ getOwnId(): string }>;
};

export interface QrLoginOptions {
  store: CredentialStore;
  /** Where the QR image is written while it is valid (removed after a successful login). */
  qrPath: string;
  t: Translate;
  write: (text: string) => void;
  /** New codes offered after expiry before giving up (default 5). */
  maxRetries?: number;
  createZalo?: QrZaloFactory;
}

/** Resolves with the account id once the session is saved; rejects when the code is declined or keeps expiring. */
export async function runQrLogin(opts: QrLoginOptions): Promise<{ ownId: string; path: string }> {
  const { t, write, store, qrPath } = opts;
  const maxRetries = opts.maxRetries ?? 5;
  const createZalo = opts.createZalo ?? ((o) => new Zalo(o));
  let expired = 0;
  let saved = false;
  const callback: LoginQRCallback = (event) => {
    switch (event.type) {
      case LoginQRCallbackEventType.QRCodeGenerated: {
        mkdirSync(dirname(qrPath), { recursive: true });
        writeFileSync(qrPath, Buffer.from(event.data.image, "base64"), { mode: 0o600 });
        try {
          write(`${qrForTerminal(event.data.image)}\n`);
        } catch {
          write(`${t("zalo:login.noTerminalQr")}\n`);
        }
        write(`${t("zalo:login.scan", { path: qrPath })}\n`);
        break;
      }
      case LoginQRCallbackEventType.QRCodeExpired:
        expired += 1;
        if (expired > maxRetries) {
          write(`${t("zalo:login.gaveUp", { count: maxRetries })}\n`);
          event.actions.abort();
        } else {
          write(`${t("zalo:login.expired")}\n`);
          event.actions.retry();
        }
        break;
      case LoginQRCallbackEventType.QRCodeScanned:
        write(`${t("zalo:login.scanned", { name: event.data.display_name })}\n`);
        break;
      case LoginQRCallbackEventType.QRCodeDeclined:
        write(`${t("zalo:login.declined")}\n`);
        event.actions.abort();
        break;
      case LoginQRCallbackEventType.GotLoginInfo:
        store.save({ cookie: event.data.cookie, imei: event.data.imei, userAgent: event.data.userAgent });
        saved = true;
        write(`${t("zalo:login.saved", { path: store.path })}\n`);
        break;
    }
  };
  const api = await createZalo(ZCA_OPTIONS).loginQR({ qrPath }, callback);
  if (!saved) throw new Error("zca-js finished the QR login without giving the session");
  rmSync(qrPath, { force: true });
  return { ownId: api.getOwnId(), path: store.path };
}
