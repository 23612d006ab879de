/** A feature answers one command (and the natural phrases that mean it). One feature per file. */
import type { Ctx } from "./context.ts";
import type { Role } from "./roles.ts";
import type { Reply } from "./types.ts";

export interface Feature {
  /** Stable name; its help line is `help:commands.<name>`. */
  name: string;
  /** Slash commands without the slash, e.g. `["trogiup", "help"]`. The first is the one shown in help. */
  commands: string[];
  /** Natural phrases, tested against the folded, space-collapsed text (see `foldKey`). */
  phrases?: RegExp[];
  /** Who may use it; everyone when absent. Admins may use everything a leader may. */
  allow?: Role[];
  /** Where it works; anywhere when absent. */
  where?: "group" | "private";
  /** Hidden from /trogiup (aliases, internal commands). */
  hidden?: boolean;
  run(ctx: Ctx, args: string): Reply[] | Promise<Reply[]>;
}

/** Whether the sender's roles allow the feature. */
export function isAllowed(feature: Feature, roles: ReadonlySet<Role>): boolean {
  return !feature.allow || feature.allow.some((r) => roles.has(r));
}
