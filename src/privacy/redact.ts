/**
 * Personal numbers out of citizen messages before anything is stored or logged: CCCD/CMND numbers, phone
 * numbers and one-time codes become `[cccd]`, `[phone]`, `[otp]`. Report figures ("271.948", "2.500.000 đ"),
 * dates and percentages stay. Every pattern is a bounded repetition with no nesting, so time is linear in the
 * message length whatever it contains.
 */
import { foldWithMap } from "../text/fold.ts";

export type PiiKind = "cccd" | "phone" | "otp";

export interface Redaction {
  /** The message with personal numbers replaced by tokens. */
  text: string;
  /** What was found, each kind once, in the order first met. */
  found: PiiKind[];
}

/** Not inside a longer number: no digit, and no "digit + separator", right before or after. */
const START = String.raw`(?<!\d)(?<!\d[.,])`;
const END = String.raw`(?![.,]?\d)`;
const SEP = String.raw`[ .\-]?`;

const CCCD = new RegExp(String.raw`${START}\d(?:${SEP}\d){11}${END}`, "g");
/** Mobile 0[35789]x… (10 digits) or landline 02x… (11), also as +84 / 84 / (+84). */
const PHONE = new RegExp(
  String.raw`${START}(?:\(?\+?84\)?[ .\-]?|0)(?:[35789](?:${SEP}\d){8}|2(?:${SEP}\d){9})${END}`,
  "g",
);
const CMND = new RegExp(String.raw`${START}\d(?:[ .]?\d){8}${END}`, "g");

/** Words (folded) that make a nearby 4–8 digit number a secret code. */
const CODE_WORDS = String.raw`(?:\botp\b|ma xac thuc|ma xac nhan|ma kich hoat|ma bao mat|passcode|\bma pin\b|\bpin\b|mat khau|\bmk\b|password|\bpass\b)`;
const CODE_AFTER_WORD = new RegExp(String.raw`${CODE_WORDS}[^\d\n]{0,24}?(?<![\d/])(\d{4,8})${END}(?!\/)`, "dg");
const CODE_BEFORE_WORD = new RegExp(String.raw`(?<![\d.,/])(\d{4,8})${END}(?!\/)[^\d\n]{0,16}?${CODE_WORDS}`, "dg");

/** A figure written the Vietnamese way: no leading zero, thousands grouped by dots or commas ("271.948"). */
const FIGURE = /^[1-9]\d{0,2}(?:[.,]\d{3})+$/;
/** Words after a bare 9-digit number that make it an amount or a count, not a CMND number. */
const UNIT_AFTER = /^\s*(?:đ|đồng|dong|vnđ|vnd|triệu|trieu|tỷ|ty|người|nguoi|hồ sơ|ho so|tk|tài khoản|%)(?![\p{L}])/iu;

function replaceAll(
  text: string,
  pattern: RegExp,
  token: string,
  keep: (match: string, after: string) => boolean = () => false,
): [string, boolean] {
  let hit = false;
  const out = text.replace(pattern, (m: string, ...rest: unknown[]) => {
    const offset = rest[rest.length - 2] as number;
    if (FIGURE.test(m) || keep(m, text.slice(offset + m.length, offset + m.length + 12))) return m;
    hit = true;
    return token;
  });
  return [out, hit];
}

/** Finds codes next to code words in folded text (so "mã xác thực" and "ma xac thuc" both count). */
function replaceCodes(text: string): [string, boolean] {
  const { text: folded, map } = foldWithMap(text);
  const spans: [number, number][] = [];
  for (const re of [CODE_AFTER_WORD, CODE_BEFORE_WORD])
    for (const m of folded.matchAll(re)) {
      const [s, e] = m.indices![1]!;
      spans.push([map[s]!, map[e]!]);
    }
  if (spans.length === 0) return [text, false];
  spans.sort((a, b) => b[0] - a[0]);
  let out = text;
  let last = Infinity;
  for (const [s, e] of spans) {
    if (e > last) continue; // the same digits found by both patterns
    out = out.slice(0, s) + "[otp]" + out.slice(e);
    last = s;
  }
  return [out, true];
}

/**
 * Replaces personal numbers in `text` with `[cccd]`, `[phone]` or `[otp]` and says which kinds it found.
 * A message that is nothing but 6 digits is taken for an OTP or passcode.
 */
export function redactPii(text: string): Redaction {
  const found: PiiKind[] = [];
  const note = (kind: PiiKind, hit: boolean) => hit && !found.includes(kind) && found.push(kind);
  let out = text;
  let hit: boolean;
  // Two ISO dates in a row ("/xuat 2023-06-20 2023-06-22") have twelve digits too; an ID is not written that way.
  [out, hit] = replaceAll(out, CCCD, "[cccd]", (m) => /(?:^|\D)(?:19|20)\d\d-[01]\d-[0-3]\d(?:\D|$)/.test(m) || /^(?:19|20)\d\d-[01]\d/.test(m));
  note("cccd", hit);
  [out, hit] = replaceAll(out, PHONE, "[phone]");
  note("phone", hit);
  [out, hit] = replaceCodes(out);
  note("otp", hit);
  // A 9-digit CMND number is also a plausible amount: only redact it bare or with a leading zero, never before a unit.
  [out, hit] = replaceAll(out, CMND, "[cccd]", (m, after) => (/\D/.test(m) && !m.startsWith("0")) || UNIT_AFTER.test(after));
  note("cccd", hit);
  if (/^\s*\d{6}\s*$/.test(out)) {
    out = out.replace(/\d{6}/, "[otp]");
    note("otp", true);
  }
  return { text: out, found };
}
