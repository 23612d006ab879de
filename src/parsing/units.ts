/** Which unit a report is from: the unit named in the text, else the sender's. */
import type { CompiledCampaign } from "./compile.ts";
import type { PreparedText } from "./normalize.ts";
import type { PhraseMatch } from "./phrases.ts";
import type { Vocab } from "./vocabulary.ts";

export interface UnitPick {
  unit: string | null;
  source: "text" | "sender" | null;
}

/**
 * The first unit named in the text (phrase matching already preferred the longest name at each position, so
 * "Sơn Tịnh" never loses to a shorter "Sơn …"). Codes such as "BSO" count only when typed in capitals.
 */
export function pickUnit(c: CompiledCampaign, p: PreparedText, matches: readonly PhraseMatch<Vocab>[], sender: string | null | undefined): UnitPick {
  for (const m of matches) {
    const code = m.payload.unit;
    if (!code || m.payload.metric) continue;
    if (m.payload.upperOnly) {
      const a = p.map[p.tokens[m.from]!.start]!;
      const b = p.map[p.tokens[m.to - 1]!.end]!;
      const typed = p.text.slice(a, b);
      if (typed !== typed.toUpperCase()) continue;
    }
    return { unit: code, source: "text" };
  }
  if (sender) {
    const known = c.units.get(sender.toUpperCase());
    return { unit: known ? known.code : sender, source: "sender" };
  }
  return { unit: null, source: null };
}
