/**
 * Cheap tests on a message before (or instead of) searching the knowledge base: is it a unit's report or a
 * question about the campaign's progress (the group's business, not the citizen assistant's), and does it talk
 * about VNeID at all. Word lists are folded; matching is on whole words.
 */
import { createAnalyzer, type Analyzer } from "./analyzer.ts";

/** Why a message is not a citizen question. */
export type NotAQuestionReason = "empty" | "report" | "campaign";

/**
 * Words of the e-ID domain (folded, after abbreviation expansion): their presence makes a question ours.
 * Generic words that the e-ID shares with everyday life ("đăng ký", "điện thoại", "ứng dụng", "phí") are left
 * out on purpose: "đăng ký xe máy ở đâu" or "mua điện thoại nào tốt" must not reach a topic on their strength.
 */
const DOMAIN = [
  "vneid", "dinh danh", "tai khoan", "kich hoat", "mat khau", "passcode", "otp", "cccd", "can cuoc", "chip", "nfc",
  "khuon mat", "chan dung", "muc 1", "muc 2", "muc do", "dich vu cong", "dichvucong", "sms", "phe duyet", "duyet",
  "cong an", "giay to", "bao hiem y te", "giay phep lai xe", "bang lai", "lua dao", "mien phi", "le phi",
  "tre em", "14 tuoi", "tich hop", "eid", "e id", "account", "password", "activate", "police", "portal", "scam",
];

/** Campaign management talk: progress, rankings, targets, reports. Never a citizen's how-to question. */
const CAMPAIGN = [
  "tien do", "xep hang", "chi tieu", "bao cao", "luy ke", "ty le", "dung thu", "phan tram", "huyen nao", "xa nao",
  "don vi nao", "progress", "ranking", "leaderboard", "target",
];

/** Words that make a message with figures a question after all ("có người đòi 50.000đ, có phải lừa đảo không"). */
const QUESTION_CUES = [
  "khong", "sao", "gi", "nao", "dau", "bao nhieu", "bao lau", "bao gio", "co phai", "cach", "huong dan", "chua",
];

/** A figure as units report it: 3+ digits, thousands with dots ("1.020"), or a percentage. Dates are removed first. */
const FIGURE = /\d{3,}|\d+(?:[.,]\d+)?\s*%/;
const DATE = /\d{1,2}\/\d{1,2}(?:\/\d{2,4})?/g;

const defaultAnalyzer = createAnalyzer();

function phraseIn(words: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => words.includes(` ${p} `));
}

/**
 * Says why `text` is not a citizen question, or null when it may be one. A report ("Bình Sơn kích hoạt 856 TK")
 * carries figures and no question word; campaign talk ("tiến độ?", "xếp hạng") asks about progress.
 */
export function notAQuestion(text: string, analyzer: Analyzer = defaultAnalyzer): NotAQuestionReason | null {
  const words = ` ${analyzer.words(text).join(" ")} `;
  if (words.trim() === "") return "empty";
  if (phraseIn(words, CAMPAIGN)) return "campaign";
  const bare = text.replace(/\[(?:cccd|phone|otp)\]/g, "").replace(DATE, " ");
  if (FIGURE.test(bare) && !text.includes("?") && !phraseIn(words, QUESTION_CUES)) return "report";
  return null;
}

/** True when `text` uses a word of the e-ID domain (VNeID, tài khoản, kích hoạt, mật khẩu, OTP…). */
export function mentionsDomain(text: string, analyzer: Analyzer = defaultAnalyzer): boolean {
  return phraseIn(` ${analyzer.words(text).join(" ")} `, DOMAIN);
}

/**
 * A quick test for the message pipeline: does this look like a citizen's VNeID question (and not a report,
 * campaign talk or chit-chat)? It does not search the knowledge base; `assistant.answer()` decides the topic.
 */
export function isCitizenQuestion(text: string, analyzer: Analyzer = defaultAnalyzer): boolean {
  return notAQuestion(text, analyzer) === null && mentionsDomain(text, analyzer);
}
