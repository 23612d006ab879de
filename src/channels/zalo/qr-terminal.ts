/**
 * Shows the login QR in a terminal from the PNG zca-js gives (`QRCodeGenerated` → `data.image`, base64), with no
 * QR library: the PNG is decoded (node:zlib), the code's modules are sampled, and each pair of module rows is
 * printed as one line of half blocks, black on white.
 */
import { inflateSync } from "node:zlib";

/** An image as dark (true) / light pixels. */
export interface Bitmap {
  width: number;
  height: number;
  dark(x: number, y: number): boolean;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes a non-interlaced PNG (any colour type, bit depth ≤ 8) into dark/light pixels. */
export function decodePng(png: Buffer): Bitmap {
  if (png.length < 33 || png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let pos = 8;
  let width = 0, height = 0, depth = 0, colour = 0, interlace = 0;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  while (pos + 8 <= png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString("latin1", pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8]!;
      colour = body[9]!;
      interlace = body[12]!;
    } else if (type === "PLTE") palette = body;
    else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  const channels = CHANNELS[colour];
  if (!channels || depth > 8 || interlace !== 0) throw new Error(`unsupported PNG (colour ${colour}, depth ${depth}, interlace ${interlace})`);
  const raw = inflateSync(Buffer.concat(idat));
  const bitsPerPixel = channels * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const rows: Buffer[] = [];
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const add = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      line[i] = (line[i]! + add) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  const sample = (line: Buffer, index: number): number => {
    if (depth === 8) return line[index]!;
    const bit = index * depth;
    return (line[bit >> 3]! >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
  };
  const max = (1 << depth) - 1;
  return {
    width,
    height,
    dark(x, y) {
      const line = rows[y]!;
      let r: number, g: number, b: number, alpha = 255;
      if (colour === 3) {
        const i = sample(line, x) * 3;
        [r, g, b] = [palette?.[i] ?? 0, palette?.[i + 1] ?? 0, palette?.[i + 2] ?? 0];
      } else if (colour === 0 || colour === 4) {
        r = g = b = Math.round((sample(line, x * channels) * 255) / max);
        if (colour === 4) alpha = sample(line, x * channels + 1);
      } else {
        [r, g, b] = [sample(line, x * channels), sample(line, x * channels + 1), sample(line, x * channels + 2)];
        if (colour === 6) alpha = sample(line, x * channels + 3);
      }
      return alpha > 127 && (r * 299 + g * 587 + b * 114) / 1000 < 128;
    },
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * The QR code's modules: the dark area's bounding box, the module size from the top-left finder pattern (its
 * first row is 7 dark modules), then one sample at the centre of each module.
 */
export function qrModules(img: Bitmap): boolean[][] {
  let top = -1, left = img.width, right = -1, bottom = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (!img.dark(x, y)) continue;
      if (top < 0) top = y;
      bottom = y;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (top < 0) throw new Error("no QR code in the image");
  let run = 0;
  while (left + run <= right && img.dark(left + run, top)) run++;
  const module = run / 7;
  const count = Math.round((right - left + 1) / module);
  if (module < 1 || count < 21) throw new Error("the image does not look like a QR code");
  const rows: boolean[][] = [];
  for (let my = 0; my < count; my++) {
    const row: boolean[] = [];
    for (let mx = 0; mx < count; mx++) {
      row.push(img.dark(Math.min(right, Math.floor(left + (mx + 0.5) * module)), Math.min(bottom, Math.floor(top + (my + 0.5) * module))));
    }
    rows.push(row);
  }
  return rows;
}

/**
 * Two module rows per text line (▀ ▄ █ and space). With `ansi` (default) every line is drawn black on white,
 * so the code scans on dark and light terminal themes alike; the quiet zone is `quiet` modules wide.
 */
export function renderModules(modules: boolean[][], opts: { quiet?: number; ansi?: boolean } = {}): string {
  const quiet = opts.quiet ?? 2;
  const size = modules.length + quiet * 2;
  const at = (x: number, y: number) => modules[y - quiet]?.[x - quiet] ?? false;
  const lines: string[] = [];
  for (let y = 0; y < size; y += 2) {
    let line = "";
    for (let x = 0; x < size; x++) {
      const upper = at(x, y), lower = at(x, y + 1);
      line += upper && lower ? "█" : upper ? "▀" : lower ? "▄" : " ";
    }
    lines.push(opts.ansi === false ? line : `\x1b[30;47m${line}\x1b[0m`);
  }
  return lines.join("\n");
}

/** The terminal QR for zca-js's base64 PNG; throws when the image cannot be read (then show the file instead). */
export function qrForTerminal(base64Png: string, opts?: { ansi?: boolean }): string {
  return renderModules(qrModules(decodePng(Buffer.from(base64Png.replace(/^data:image\/png;base64,/, ""), "base64"))), opts);
}
