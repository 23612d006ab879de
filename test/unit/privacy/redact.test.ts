import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactPii } from "../../../src/privacy/redact.ts";

describe("redactPii", () => {
  it.each([
    ["CCCD của tôi 079123456789", "CCCD của tôi [cccd]", ["cccd"]],
    ["số cccd 079 123 456 789 nhé", "số cccd [cccd] nhé", ["cccd"]],
    ["0791.2345.6789", "[cccd]", ["cccd"]],
    ["cmnd 123456789", "cmnd [cccd]", ["cccd"]],
    ["cmnd 012 345 678", "cmnd [cccd]", ["cccd"]],
    ["sdt 0912345678", "sdt [phone]", ["phone"]],
    ["SĐT: 0912 345 678.", "SĐT: [phone].", ["phone"]],
    ["gọi 0912-345-678 hoặc 0912.345.678", "gọi [phone] hoặc [phone]", ["phone"]],
    ["gọi +84 912 345 678 hoặc 84912345678", "gọi [phone] hoặc [phone]", ["phone"]],
    ["(+84) 912-345-678", "[phone]", ["phone"]],
    ["máy bàn 024 3825 1234", "máy bàn [phone]", ["phone"]],
    ["mã OTP là 482913", "mã OTP là [otp]", ["otp"]],
    ["ma otp: 4821", "ma otp: [otp]", ["otp"]],
    ["123456 là mã OTP của em", "[otp] là mã OTP của em", ["otp"]],
    ["Mã xác thực 55667788", "Mã xác thực [otp]", ["otp"]],
    ["Mã xác nhận: 1234", "Mã xác nhận: [otp]", ["otp"]],
    ["passcode 123456 quên rồi", "passcode [otp] quên rồi", ["otp"]],
    ["Mã xác thực 1234".normalize("NFD"), "Mã xác thực [otp]".normalize("NFD"), ["otp"]],
    ["482913", "[otp]", ["otp"]],
    ["cccd 079123456789, sđt 0987654321, otp 1234", "cccd [cccd], sđt [phone], otp [otp]", ["cccd", "phone", "otp"]],
  ])("redacts %j", (input, text, found) => {
    expect(redactPii(input)).toEqual({ text, found });
  });

  it.each([
    "Đồng Xoài: thu nhận 1.020 hồ sơ, lũy kế 271.948 TK, mức 1 30.115",
    "thanh toán 2.500.000 đ, 500.000 đồng, 764,7 triệu đồng, 199.800.000.000 đồng",
    "ngày 20/6/2023 đạt 31,5%, vượt 19,52%, 67/71 nhiệm vụ",
    "271948000 đồng",
    "Bình Sơn kích hoạt 856 TK",
    "otp hết hạn ngày 20/6/2023",
    "tổng đài 1900 xxxx",
    "đạt 1,2 triệu tài khoản, 102,641 nghìn hồ sơ",
  ])("leaves report figures alone: %j", (input) => {
    expect(redactPii(input)).toEqual({ text: input, found: [] });
  });

  it("never leaves a generated mobile number in the clear", () => {
    const sep = fc.constantFrom("", " ", ".", "-");
    const phone = fc
      .tuple(
        fc.constantFrom("0", "+84", "84"),
        fc.constantFrom("3", "5", "7", "8", "9"),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        sep,
      )
      .map(([p, first, d, s]) => `${p}${first}${d.slice(0, 2).join("")}${s}${d.slice(2, 5).join("")}${s}${d.slice(5).join("")}`);
    fc.assert(
      fc.property(phone, fc.constantFrom("sđt ", "gọi mình ", ""), (p, before) => {
        const r = redactPii(`${before}${p} nhé`);
        expect(r.found).toEqual(["phone"]);
        expect(r.text).not.toMatch(/\d{3}/);
      }),
    );
  });

  it("never touches a figure grouped in thousands", () => {
    const figure = fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.array(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 4 }))
      .map(([head, groups]) => [head, ...groups.map((g) => String(g).padStart(3, "0"))].join("."));
    fc.assert(
      fc.property(figure, (f) => {
        expect(redactPii(`lũy kế ${f} TK`).found).toEqual([]);
      }),
    );
  });

  it("is idempotent", () => {
    const once = redactPii("cccd 079123456789 otp 1234 sđt 0912345678").text;
    expect(redactPii(once)).toEqual({ text: once, found: [] });
  });

  it("runs in linear time on hostile input", () => {
    const hostile = "1.".repeat(40_000) + "0 ".repeat(40_000) + "otp ".repeat(20_000) + "9".repeat(40_000);
    const started = performance.now();
    redactPii(hostile);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("dates are not ID numbers", () => {
  it("keeps two ISO dates in a row", () => {
    expect(redactPii("/xuat 2023-06-20 2023-06-22").text).toBe("/xuat 2023-06-20 2023-06-22");
    expect(redactPii("CCCD 079 123 456 789").text).toBe("CCCD [cccd]");
  });
});
