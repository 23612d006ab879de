/** Reading a single written number ("1,2 triệu", "2.500.000 đ", "31,5%", "1k2") outside any message. */
import { scanFigures } from "./figures.ts";
import { prepareText } from "./normalize.ts";
import { readDigits, type NumberContext } from "./numbers.ts";

/**
 * Reads the first number in `written`, with its magnitude word, in Vietnamese conventions unless `ctx.style` says
 * otherwise. Percent and money signs set the hint. Returns null when `written` holds no readable number.
 */
export function readVietnameseNumber(written: string, ctx: NumberContext = {}): number | null {
  const p = prepareText(written);
  const figs = scanFigures({ f: p.folded, tokens: p.tokens, matchAt: [], taken: new Uint8Array(p.tokens.length), durationWords: new Set() });
  const fig = figs[0];
  if (!fig) return null;
  const hint = ctx.hint ?? (fig.type === "percent" ? "percent" : fig.type === "money" ? "money" : "count");
  return readDigits(fig.raw, { ...ctx, hint, magnitude: fig.magnitude * (ctx.magnitude ?? 1) })?.value ?? null;
}
