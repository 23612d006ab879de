/**
 * Word-level rules for how Vietnamese is typed in chat, applied to folded (diacritic-free, lower-case) tokens:
 * Telex leftovers, chat abbreviations and function words. Pure data and pure functions, no state.
 */

/**
 * A folded Vietnamese syllable: optional onset, 1–3 vowels, optional coda. Vietnamese never ends a syllable in
 * s/f/r/x/j/z or contains w, so a token that fails this test and passes it after removing a Telex key is a
 * Telex leftover. Doubled vowels are Telex too ("xoong" is the rare loss). No nested quantifiers: linear time.
 */
const SYLLABLE = /^(?!.*(?:aa|ee|ii|oo|yy))(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;

/** True when `token` (folded) is shaped like one Vietnamese syllable: "kich", "hoat", "nguoi". */
export function isVietnameseSyllable(token: string): boolean {
  return SYLLABLE.test(token);
}

/**
 * Undoes Telex typed with the input method switched off ("kichs hoatj" → "kich hoat", "ddawng kys" → "dang ky",
 * "quene" → "quen"). A token is only changed when it is not already a known word or a valid syllable, and the
 * repaired form is one: "sms", "pass" or "vneid" stay as they are.
 * @param known words that must never be "repaired" (e.g. the knowledge base's own vocabulary)
 */
export function repairTelex(token: string, known: ReadonlySet<string> = new Set()): string {
  if (token.length < 2 || /\d/.test(token) || known.has(token) || SYLLABLE.test(token)) return token;
  let t = token.replace(/[sfrxjz]$/, "");
  t = t
    .replace(/^dd/, "d")
    .replace(/w/g, "") // aw/ow/uw and a late w ("mucws") only mark the vowel
    .replace(/([aeo])\1/g, "$1") // aa/ee/oo
    .replace(/([aeo])(ng|nh|ch|[cmnpt])\1$/, "$1$2") // a late vowel key: "quene" → "quen"
    .replace(/([aeiouy])[sfrxj](?=(?:ng|nh|ch|[cmnpt])$)/, "$1"); // a tone key before the coda: "khasc"
  return t !== token && t.length > 0 && (known.has(t) || SYLLABLE.test(t)) ? t : token;
}

/**
 * Chat abbreviations and loanwords, folded, mapped to the words the knowledge base uses. A value keeps the key
 * itself when the knowledge base also uses the short form (CCCD, OTP).
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  vneid: "vneid",
  vnid: "vneid",
  vneld: "vneid",
  vnied: "vneid",
  ddcn: "dinh danh ca nhan",
  dddt: "dinh danh dien tu",
  ddt: "dinh danh dien tu",
  dd: "dinh danh",
  mk: "mat khau",
  pass: "mat khau",
  password: "mat khau",
  pw: "mat khau",
  tk: "tai khoan",
  acc: "tai khoan",
  sdt: "so dien thoai",
  dt: "dien thoai",
  dth: "dien thoai",
  smartphone: "dien thoai thong minh",
  cccd: "cccd can cuoc",
  cmnd: "can cuoc",
  cc: "can cuoc",
  otp: "otp ma",
  dvc: "dich vu cong",
  dvctt: "dich vu cong truc tuyen",
  dvcqg: "dich vu cong quoc gia",
  dk: "dang ky",
  ddk: "dang ky",
  dn: "dang nhap",
  kh: "kich hoat",
  bhyt: "bao hiem y te",
  gplx: "giay phep lai xe",
  app: "ung dung",
  apps: "ung dung",
  lv: "muc",
  level: "muc",
  k: "khong",
  ko: "khong",
  kg: "khong",
  khg: "khong",
  hok: "khong",
  dc: "duoc",
  ntn: "nhu the nao",
  lm: "lam",
  j: "gi",
  bn: "bao nhieu",
  sp: "dien thoai thong minh",
};

/** Words that carry no topic on their own: pronouns, particles, politeness. Kept inside bigrams. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a ha ah ak oi u ui nhe nha nhi ne vay the thi la va voi cua cho nay do roi cai ay " +
    "toi tui em anh chi minh ban ong ba bac co chu di " +
    "duoc lam phai muon hoi giup xin vui long cam on sao nao gi nhu khong " +
    "i me my an to of and or for do does doe can how what are it in on with"
  ).split(/\s+/),
);
