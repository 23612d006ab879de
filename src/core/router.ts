/** Finds the feature a message asks for: a /command, or a natural phrase with or without diacritics. */
import { foldKey } from "../text/fold.ts";
import type { Feature } from "./feature.ts";

export interface Route {
  feature: Feature;
  args: string;
  /** How it matched: commands are explicit; phrases are guesses and stay quiet in groups unless addressed. */
  via: "command" | "phrase";
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

/** Splits "/tiendo@bot Bình Sơn" into ["tiendo", "Bình Sơn"]; null when the text is not a command. */
export function parseCommand(text: string): { command: string; args: string } | null {
  const m = COMMAND.exec(text.trim());
  return m ? { command: m[1]!.toLowerCase(), args: (m[2] ?? "").trim() } : null;
}

export function createRouter(features: readonly Feature[]) {
  const byCommand = new Map<string, Feature>();
  for (const f of features) for (const c of f.commands) byCommand.set(c.toLowerCase(), f);
  return {
    route(text: string): Route | null {
      const cmd = parseCommand(text);
      if (cmd) {
        const feature = byCommand.get(cmd.command);
        return feature ? { feature, args: cmd.args, via: "command" } : null;
      }
      const key = foldKey(text);
      if (key.length === 0 || key.length > 200) return null;
      for (const feature of features) {
        for (const re of feature.phrases ?? []) {
          const m = re.exec(key);
          if (m) return { feature, args: (m.groups?.["args"] ?? "").trim(), via: "phrase" };
        }
      }
      return null;
    },
    /** True for "/something" that no feature knows. */
    isUnknownCommand(text: string): boolean {
      const cmd = parseCommand(text);
      return cmd !== null && !byCommand.has(cmd.command);
    },
  };
}
export type Router = ReturnType<typeof createRouter>;
