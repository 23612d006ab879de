/** /trogiup: the commands the sender's role may use, in this kind of chat. */
import { say } from "../context.ts";
import { primaryRole } from "../roles.ts";
import { isAllowed, type Feature } from "../feature.ts";

/** Built with the full list so help never drifts from what the router knows. */
export function createHelpFeature(all: () => readonly Feature[]): Feature {
  return {
    name: "help",
    commands: ["trogiup", "help", "huongdan"],
    phrases: [/^(tro giup|giup (toi|voi|do)|help|menu|huong dan su dung( bot)?|bot (lam|giup) duoc (gi|nhung gi))$/],
    run(ctx) {
      const lines = all()
        .filter((f) => !f.hidden && isAllowed(f, ctx.roles) && (!f.where || f.where === ctx.msg.chatType))
        .map((f) => `/${f.commands[0]} — ${ctx.t(`help:commands.${f.name}`)}`);
      const title = ctx.t(primaryRole(ctx.roles) === "citizen" ? "help:title.citizen" : "help:title.official");
      return [say([title, ...lines, "", ctx.t("help:footer")].join("\n"))];
    },
  };
}
