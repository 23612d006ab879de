/**
 * Built-in matching vocabulary: how province staff write markers, shorthand and filler, folded (no diacritics).
 * This is data for matching, not user-facing text.
 */
import type { ValueKind } from "./types.ts";

/** What a matched phrase means. One phrase may mean several things ("hôm nay": a day and a daily marker). */
export interface Vocab {
  /** A campaign metric label or alias. */
  metric?: string;
  /** A campaign unit name or alias. */
  unit?: string;
  /** Matched only when typed in capitals (unit codes such as "BSO"). */
  upperOnly?: boolean;
  /** Daily / cumulative marker; `strong` beats weak ones; `section` markers may head a block of lines. */
  kind?: ValueKind;
  strong?: boolean;
  section?: boolean;
  /** Shadows a shorter marker: "mới có" is "only has", not "new". */
  neutral?: boolean;
  target?: boolean;
  /** Request, reminder or meeting notice. */
  notice?: boolean;
  question?: boolean;
  /** Thanks and praise: figures in that clause are quoted, not reported. */
  chat?: boolean;
  /** Words that say the message is a report ("báo cáo"). */
  reportCue?: boolean;
  /** The number right after is an ordinal, rank or document number ("giai đoạn 1", "thứ 43/63", "số 170"). */
  ordinal?: boolean;
  /** A number right before is a duration or age ("90 ngày đêm"), not a figure. */
  duration?: boolean;
  /** A measure word after a number ("856 TK"): skipped when measuring distance to a label. */
  counter?: boolean;
  /** "hôm nay" = 0, "hôm qua" = -1. */
  dayOffset?: number;
  /** A date after it is the report's day ("ngày", "tính đến"). */
  dateCue?: boolean;
  /** A date after it belongs to a document ("Chỉ thị số 05/CT-TTg ngày 23/02/2023"). */
  docRef?: boolean;
}

type Row = [phrases: string, meaning: Vocab];

/** Each row: phrases separated by "|", all folded. */
const ROWS: Row[] = [
  ["luy ke|lk|luy ke den nay|tinh den|den nay|tu dau chien dich|tu dau dot|tu dau nam|tu dau|cong don|tinh tu dau", { kind: "cumulative", strong: true, section: true }],
  ["toan tinh co|toan huyen co|toan thi xa co|toan thanh pho co|toan xa co|tong so|tong cong|tong|den ngay|hien co", { kind: "cumulative", strong: false, section: true }],
  ["trong ngay|ngay hom nay|trong ngay hom nay|phat sinh moi|moi phat sinh|tang them|tang moi|so moi|tang", { kind: "daily", strong: true, section: true }],
  ["hom nay", { kind: "daily", strong: true, dayOffset: 0, dateCue: true }],
  ["hom qua|ngay hom qua", { kind: "daily", strong: true, dayOffset: -1, dateCue: true }],
  ["hom kia", { dayOffset: -2, dateCue: true }],
  ["moi", { kind: "daily", strong: false }],
  ["moi co|moi chi|moi dat|moi duoc|moi day|moi nhat|gan day moi|hang ngay|moi ngay|tong hop|tong ket|so voi hom qua|so voi ngay hom qua|so voi hom truoc", { neutral: true }],
  ["chi tieu|ke hoach|kh|muc tieu|phan dau|duoc giao|giao|can dat|phai dat|toi thieu|dat it nhat|dinh muc", { target: true }],
  ["de nghi|yeu cau|don doc|nhac|nhac nho|luu y|khan truong|vui long|de nghi cac don vi|chua bao cao|chua gui|han chot|truoc gio", { notice: true }],
  ["kinh moi|giay moi|moi hop|cuoc hop|hop giao ban|du hop|phong hop|lich hop|hop truc tuyen|hop luc|thong bao hop|to chuc hop|moi du", { notice: true }],
  ["bao nhieu|the nao|nhu the nao|ra sao|sao roi|chua a|duoc chua|khong a|chua vay|tien do sao|tien do the nao|the nao roi|chua nhi", { question: true }],
  ["cam on|tran trong cam on|xin cam on|hoan nghenh|bieu duong|khen|chuc mung|tuyet voi", { chat: true }],
  ["bao cao|kinh bao cao|bc|ket qua|kq|so lieu|cap nhat", { reportCue: true }],
  ["giai doan|dot|lan|lan thu|thu|hang|xep hang|dung thu|top|so|de an|chi thi|quyet dinh|nghi quyet|cong van|ket luan|thong bao|van ban|nghi dinh|thong tu|tuan|thang|nam|quy|phong|khu pho|khoi|ap|thon|lop|muc|muc do|cap|nhom|luc|phien|khoa|phu luc|bieu|mau|tram|diem|ban|tieu muc|muc so|buoc", { ordinal: true }],
  ["ngay|dem|gio|phut|giay|tuoi|nam|thang|tuan|quy|buoi|lan|cuoc|ngay dem|tieng|diem|lop|doan|xa|to|phuong|huyen|thon|ap|buoc|nhom|may|phong", { duration: true }],
  ["tai khoan|tk|ho so|hs|truong hop|luot|nguoi|cong dan|nguoi dan|giao dich|thu tuc|tthc|dich vu|ca|don vi|tai khoan dinh danh dien tu|tai khoan dddt|tk dddt|tk vneid|tai khoan vneid|ho so dddt|ho so dinh danh dien tu|dinh danh dien tu|dddt|tai khoan dinh danh|thanh vien|nhiem vu|chu ky so|tkdd|hs dddt", { counter: true }],
  ["ngay|ngay bao cao|so lieu ngay|ket qua ngay|tinh den ngay|den ngay|chot ngay|bao cao ngay|bc ngay", { dateCue: true }],
  ["chi thi|ke hoach so|quyet dinh|nghi quyet|cong van|ket luan|thong bao so|van ban|nghi dinh|thong tu|ban hanh|ky ngay", { docRef: true }],
];

/** Built-in shorthand: the long form and the short forms staff type for it, folded. */
export const SHORTHAND: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["tai khoan", ["tk"]],
  ["ho so", ["hs"]],
  ["dinh danh dien tu", ["dddt", "ddđt"]],
  ["dich vu cong truc tuyen", ["dvctt", "dvc truc tuyen", "dvc tt"]],
  ["dich vu cong", ["dvc"]],
  ["thu tuc hanh chinh", ["tthc"]],
  ["muc do 1", ["muc 1", "md1", "m1"]],
  ["muc do 2", ["muc 2", "md2", "m2"]],
  ["muc 1", ["muc do 1", "md1"]],
  ["muc 2", ["muc do 2", "md2"]],
  ["ty le", ["tl"]],
  ["so hoa", ["sh"]],
  ["thanh toan truc tuyen", ["tttt", "ttt"]],
  ["cong nghe so cong dong", ["cnscd"]],
];

/** Every built-in phrase with its meaning; meanings of one phrase are merged. */
export function builtinVocabulary(): Array<[string, Vocab]> {
  const out: Array<[string, Vocab]> = [];
  for (const [phrases, meaning] of ROWS) for (const p of phrases.split("|")) out.push([p, meaning]);
  return out;
}

/** Magnitude words after a number, folded; "ty" and "ngan" are checked against "tỷ lệ", "ngân sách" by the reader. */
export const MAGNITUDES: ReadonlyMap<string, number> = new Map([
  ["nghin", 1e3], ["ngan", 1e3], ["k", 1e3], ["trieu", 1e6], ["tr", 1e6], ["ty", 1e9], ["ti", 1e9],
]);

/** Words after a magnitude word that show it is not one: "tỷ lệ", "ngân sách", "ngân hàng". */
export const NOT_MAGNITUDE_NEXT: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["ty", new Set(["le", "trong"])],
  ["ti", new Set(["le"])],
  ["ngan", new Set(["sach", "hang"])],
]);

/** Money words after a number (or after its magnitude word), folded. */
export const MONEY_WORDS: ReadonlySet<string> = new Set(["d", "dong", "vnd", "vnđ", "dg"]);
