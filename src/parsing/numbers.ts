/**
 * Reading one number the way Vietnamese officials write it. Dots group thousands and commas mark decimals
 * ("271.948", "31,5"), but English-style input ("1,234", "87.3") is common too, so an ambiguous separator is settled
 * by context: how many digits follow it, the magnitude word, what is being measured and the message's style.
 */

/** "vi": dot groups, comma decimals; "en": the reverse. Only consulted when the digits cannot decide. */
export type NumberStyle = "vi" | "en";

/** What the number measures, when known: a count is never fractional, a percent is rarely above 100. */
export type NumberHint = "count" | "percent" | "money" | "bare";

export interface NumberContext {
  /** Default "vi". */
  style?: NumberStyle;
  /** Default "bare". */
  hint?: NumberHint;
  /** 1e3 for "nghìn", 1e6 for "triệu", 1e9 for "tỷ"; default 1. */
  magnitude?: number;
}

export interface NumberReading {
  value: number;
  /** True when the digits allowed another reading and context had to choose. */
  ambiguous: boolean;
}

function isGroup3(g: string): boolean {
  return g.length === 3;
}

function finish(v: number, magnitude: number, ambiguous: boolean): NumberReading {
  const value = magnitude === 1 ? v : Math.round(v * magnitude);
  return { value, ambiguous };
}

/**
 * Reads the digits-and-separators part of a number ("1.020", "31,5", "1,234.5") given its context.
 * Returns null when the separators make no sense as a number ("1.2.3").
 */
export function readDigits(raw: string, ctx: NumberContext = {}): NumberReading | null {
  const style = ctx.style ?? "vi";
  const hint = ctx.hint ?? "bare";
  const magnitude = ctx.magnitude ?? 1;
  const groups: string[] = [];
  const seps: string[] = [];
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "." || c === ",") {
      groups.push(raw.slice(from, i));
      seps.push(c);
      from = i + 1;
    }
  }
  groups.push(raw.slice(from));
  if (groups.some((g) => g.length === 0)) return null;
  if (seps.length === 0) return finish(Number(raw), magnitude, false);

  const last = seps[seps.length - 1]!;
  const mixed = seps.some((s) => s !== last);
  if (mixed) {
    // "1.234,5" or "1,234.5": the last separator is the decimal point, the others group thousands.
    const lead = seps.slice(0, -1);
    if (lead.some((s) => s === last) || !groups.slice(1, -1).every(isGroup3) || groups[0]!.length > 3) return null;
    const int = groups.slice(0, -1).join("");
    return finish(Number(`${int}.${groups[groups.length - 1]}`), magnitude, false);
  }
  if (seps.length >= 2) {
    // "1.020.000": only thousands grouping uses the same separator twice.
    if (groups[0]!.length > 3 || !groups.slice(1).every(isGroup3)) return null;
    return finish(Number(groups.join("")), magnitude, false);
  }

  const [int, frac] = [groups[0]!, groups[1]!];
  const decimal = () => Number(`${int}.${frac}`);
  const grouped = () => Number(int + frac);
  // Not three digits after it, a lone leading zero, or more than three before it: it can only be a decimal point.
  if (frac.length !== 3 || int === "0" || int.length > 3) return finish(decimal(), magnitude, false);
  // "1,2 triệu" / "102,641 nghìn": with a magnitude word the separator is a decimal point in the message's style.
  if (magnitude > 1) {
    const isDecimal = style === "vi" ? last === "," : last === ".";
    return finish(isDecimal ? decimal() : grouped(), magnitude, true);
  }
  if (hint === "percent") return finish(decimal(), 1, true);
  // A count (or money) is whole, so "1,234" and "1.234" both group thousands.
  return finish(grouped(), 1, last === "," ? style === "vi" : style === "en");
}

/**
 * Which style a message writes numbers in, from the number tokens that can only be read one way
 * ("1.234,5", "31,5%", "1,234,567", "87.3%"). Defaults to "vi".
 */
export function detectStyle(raws: readonly string[], percentFlags?: readonly boolean[]): NumberStyle {
  let vi = 0;
  let en = 0;
  raws.forEach((raw, i) => {
    const dot = raw.indexOf(".");
    const comma = raw.indexOf(",");
    if (dot >= 0 && comma >= 0) {
      if (dot < comma) vi++;
      else en++;
    } else if (comma >= 0 && comma !== raw.lastIndexOf(",")) en++;
    else if (dot >= 0 && dot !== raw.lastIndexOf(".")) vi++;
    else if (percentFlags?.[i]) {
      const sep = dot >= 0 ? dot : comma;
      if (sep >= 0 && raw.length - sep - 1 !== 3) {
        if (dot >= 0) en++;
        else vi++;
      }
    }
  });
  return en > vi ? "en" : "vi";
}
