/**
 * `npm run zalo:login`: log the bot's Zalo account in by scanning a QR code with the Zalo app (Cá nhân → QR).
 * The session is saved to `ZALO_CREDENTIALS_PATH` (default: zalo-credentials.json beside the database), mode
 * 0600; the bot reads it at start-up. Run it again whenever `/healthz` says the Zalo session ended.
 */
import { join } from "node:path";
import { createCredentialStore, credentialsPath, dataFolder } from "../channels/zalo/credentials.ts";
import { runQrLogin } from "../channels/zalo/qr-login.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createI18n } from "../i18n.ts";

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Invalid configuration:\n${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const i18n = createI18n(config.DEFAULT_LOCALE);
  const t = i18n.t(i18n.defaultLocale);
  const store = createCredentialStore(credentialsPath(config));
  const { ownId, path } = await runQrLogin({
    store,
    qrPath: join(dataFolder(config), "zalo-qr.png"),
    t,
    write: (text) => process.stdout.write(text),
  });
  process.stdout.write(`${t("zalo:login.done", { id: ownId, path })}\n`);
}

main().then(
  () => process.exit(0), // zca-js keeps timers and sockets open after login
  (err: unknown) => {
    process.stderr.write(`Zalo login failed: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
