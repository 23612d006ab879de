/** Numbers the Vietnamese way (1.234.567; 31,5%; 764,7 triệu đồng) or the English way, by locale. */
import type { Metric } from "../campaigns/schema.ts";

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === "en" ? "en-US" : "vi-VN", { maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, locale = "vi", digits = 2): string {
  return nf(locale, digits).format(n);
}

export function formatPercent(n: number, locale = "vi"): string {
  return `${nf(locale, Math.abs(n) < 10 ? 2 : 1).format(n)}%`;
}

/** Money in đồng: large sums with "triệu"/"tỷ" (vi) or "million"/"billion" (en). */
export function formatMoney(n: number, locale = "vi"): string {
  const en = locale === "en";
  if (Math.abs(n) >= 1e9) return `${nf(locale, 2).format(n / 1e9)} ${en ? "billion VND" : "tỷ đồng"}`;
  if (Math.abs(n) >= 1e6) return `${nf(locale, 1).format(n / 1e6)} ${en ? "million VND" : "triệu đồng"}`;
  return `${nf(locale, 0).format(n)} ${en ? "VND" : "đồng"}`;
}

/** A metric's value in its own kind of unit. */
export function formatValue(n: number, type: Metric["type"], locale = "vi"): string {
  if (type === "percent") return formatPercent(n, locale);
  if (type === "money") return formatMoney(n, locale);
  return formatNumber(n, locale, 0);
}
