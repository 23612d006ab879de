/**
 * The login QR: zca-js's PNG decoded and drawn in the terminal with no QR library, and the `npm run zalo:login`
 * flow driven by a fake zca-js that emits the callback events of a real login (generated, expired, scanned…).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCredentialStore } from "../../../../src/channels/zalo/credentials.ts";
import { runQrLogin, type QrZaloFactory } from "../../../../src/channels/zalo/qr-login.ts";
import { decodePng, qrForTerminal, qrModules, renderModules } from "../../../../src/channels/zalo/qr-terminal.ts";
import { LoginQRCallbackEventType, type LoginQRCallbackEvent } from "../../../../src/channels/zalo/zca.ts";
import { createI18n } from "../../../../src/i18n.ts";

/** A 25×25 QR-like matrix: three finder patterns and deterministic noise. */
function matrix(size = 25): boolean[][] {
  let seed = 7;
  const m = Array.from({ length: size }, () => Array.from({ length: size }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) & 1024) !== 0));
  for (const [ox, oy] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
    // The finder (7×7 rings) and its light separator, as in every real QR code.
    for (let y = -1; y < 8; y++) for (let x = -1; x < 8; x++) {
      const row = m[oy! + y];
      if (!row || ox! + x < 0 || ox! + x >= size) continue;
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      row[ox! + x] = ring !== 2 && ring !== 4;
    }
  }
  return m;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])));
  return Buffer.concat([head, body, crc]);
}

/** An 8-bit PNG (grey or RGBA) of the matrix, `scale` px a module, every PNG row filter used in turn. */
function png(m: boolean[][], opts: { scale?: number; border?: number; rgba?: boolean } = {}): Buffer {
  const scale = opts.scale ?? 6, border = opts.border ?? 4, channels = opts.rgba ? 4 : 1;
  const size = (m.length + border * 2) * scale;
  const raw: Buffer[] = [];
  let prev = Buffer.alloc(size * channels);
  for (let y = 0; y < size; y++) {
    const line = Buffer.alloc(size * channels);
    for (let x = 0; x < size; x++) {
      const dark = m[Math.floor(y / scale) - border]?.[Math.floor(x / scale) - border] ?? false;
      const v = dark ? 0 : 255;
      for (let c = 0; c < channels; c++) line[x * channels + c] = c === 3 ? 255 : v;
    }
    const filter = y % 5;
    const out = Buffer.alloc(line.length);
    for (let i = 0; i < line.length; i++) {
      const a = i >= channels ? line[i - channels]! : 0, b = prev[i]!, c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      out[i] = (line[i]! - pred) & 0xff;
    }
    raw.push(Buffer.from([filter]), out);
    prev = line;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = opts.rgba ? 6 : 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(raw))), chunk("IEND", Buffer.alloc(0))]);
}

describe("terminal QR", () => {
  it("reads the modules back from a grey or RGBA PNG", () => {
    const m = matrix();
    expect(qrModules(decodePng(png(m)))).toEqual(m);
    expect(qrModules(decodePng(png(m, { rgba: true, scale: 5, border: 2 })))).toEqual(m);
  });

  it("draws two module rows per line, black on white", () => {
    const m = matrix();
    const plain = renderModules(m, { ansi: false, quiet: 0 }).split("\n");
    expect(plain).toHaveLength(13);
    expect(plain[0]!.slice(0, 8)).toBe("█▀▀▀▀▀█ "); // the finder's top edge over its light ring, then the separator
    expect(qrForTerminal(png(m).toString("base64"))).toContain("\x1b[30;47m");
  });

  it("refuses what is not a PNG", () => {
    expect(() => qrForTerminal(Buffer.from("hello").toString("base64"))).toThrow(/PNG/);
  });
});

describe("npm run zalo:login", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "zalo-login-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the code, renews it on expiry, says when scanned, and saves the session 0600", async () => {
    const image = png(matrix()).toString("base64");
    const actions = { retry: () => {}, abort: () => {}, saveToFile: async () => {} };
    const seen: string[] = [];
    let retried = 0;
    const qrPath = join(dir, "data", "zalo-qr.png");
    const createZalo: QrZaloFactory = (options) => ({
      async loginQR(opts, cb) {
        expect(options).toMatchObject({ checkUpdate: false });
        const emit = (e: unknown) => cb(e as LoginQRCallbackEvent);
        const generated = { type: LoginQRCallbackEventType.QRCodeGenerated, data: { code: "c1", image, options: { enabledCheckOCR: false, enabledMultiLayer: false }, token: "t" }, actions };
        emit(generated);
        seen.push(`png:${readFileSync(opts.qrPath!).equals(Buffer.from(image, "base64"))}`);
        emit({ type: LoginQRCallbackEventType.QRCodeExpired, data: null, actions: { ...actions, retry: () => retried++ } });
        emit(generated);
        emit({ type: LoginQRCallbackEventType.QRCodeScanned, data: { avatar: "", display_name: "Trợ lý Chiến dịch" }, actions });
        emit({ type: LoginQRCallbackEventType.GotLoginInfo, data: { cookie: [{ key: "zpw_sek", value: "s" }], imei: "imei-1", userAgent: "UA" }, actions: null });
        return { getOwnId: () => "8810000000000000001" };
      },
    });
    let out = "";
    const store = createCredentialStore(join(dir, "data", "zalo-credentials.json"));
    const result = await runQrLogin({ store, qrPath, t: createI18n("vi").t("vi"), write: (s) => (out += s), createZalo });
    expect(result.ownId).toBe("8810000000000000001");
    expect(seen).toEqual(["png:true"]);
    expect(retried).toBe(1);
    expect(out).toContain("█");
    expect(out).toContain("hết hạn");
    expect(out).toContain("Đã quét mã: Trợ lý Chiến dịch");
    expect(store.load()).toEqual({ cookie: [{ key: "zpw_sek", value: "s" }], imei: "imei-1", userAgent: "UA" });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(existsSync(qrPath)).toBe(false); // the code is useless once used
  });

  it("gives up after too many expired codes", async () => {
    let aborted = false;
    const createZalo: QrZaloFactory = () => ({
      async loginQR(_o, cb) {
        for (let i = 0; i < 3; i++) {
          cb({ type: LoginQRCallbackEventType.QRCodeExpired, data: null, actions: { retry: () => {}, abort: () => (aborted = true) } });
        }
        throw new Error("aborted");
      },
    });
    const store = createCredentialStore(join(dir, "c.json"));
    await expect(runQrLogin({ store, qrPath: join(dir, "qr.png"), t: createI18n("vi").t("vi"), write: () => {}, maxRetries: 2, createZalo })).rejects.toThrow();
    expect(aborted).toBe(true);
    expect(store.load()).toBeNull();
  });
});
