import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createAnalyzer } from "../../../src/assistant/analyzer.ts";
import { isVietnameseSyllable, repairTelex } from "../../../src/assistant/vietnamese.ts";
import { fold } from "../../../src/text/fold.ts";

describe("repairTelex", () => {
  it.each([
    ["kichs", "kich"],
    ["hoatj", "hoat"],
    ["ddawng", "dang"],
    ["kys", "ky"],
    ["khaaur", "khau"],
    ["maatj", "mat"],
    ["queen", "quen"],
    ["quene", "quen"],
    ["mucws", "muc"],
    ["khasc", "khac"],
    ["dduwowcj", "duoc"],
    ["khoong", "khong"],
  ])("repairs %s → %s", (typed, word) => expect(repairTelex(typed)).toBe(word));

  it.each(["sms", "pass", "vneid", "nfc", "otp", "cccd", "passcode"])("leaves %s alone", (w) =>
    expect(repairTelex(w, new Set(["passcode"]))).toBe(w),
  );

  it("never changes a valid syllable", () => {
    const syllables = ["kich", "hoat", "nguoi", "khau", "quen", "dinh", "danh", "thoai", "giay", "truoc", "nghieng"];
    for (const s of syllables) expect(isVietnameseSyllable(s), s).toBe(true);
    fc.assert(
      fc.property(fc.constantFrom(...syllables), (s) => {
        expect(repairTelex(s)).toBe(s);
      }),
    );
  });
});

describe("analyzer", () => {
  const a = createAnalyzer();

  it("reads NFC, NFD and diacritic-free text the same way", () => {
    const nfc = "Quên mật khẩu đăng nhập";
    expect(a.terms(nfc.normalize("NFD"))).toEqual(a.terms(nfc));
    expect(a.terms(fold(nfc))).toEqual(a.terms(nfc));
  });

  it("expands chat abbreviations", () => {
    expect(a.words("quen mk tk vneid")).toEqual(["quen", "mat", "khau", "tai", "khoan", "vneid"]);
    expect(a.words("doi sdt")).toEqual(["doi", "so", "dien", "thoai"]);
    expect(a.words("đk mức2 dvc")).toEqual(["dang", "ky", "muc", "2", "dich", "vu", "cong"]);
  });

  it("drops redaction tokens and long numbers, keeps small ones", () => {
    expect(a.words("[cccd] [phone] [otp] 856 muc 2, 14 tuoi")).toEqual(["muc", "2", "14", "tuoi"]);
  });

  it("adds bigrams so that two-syllable words count as one", () => {
    expect(a.terms("mật khẩu")).toContain("~mat_khau");
  });
});
