/** /start: what the bot does, for the sender's role. */
import { primaryRole } from "../roles.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";

export const startFeature: Feature = {
  name: "start",
  commands: ["start", "batdau"],
  phrases: [/^(xin chao|chao bot|chao ban|hello|hi|bat dau)$/],
  hidden: true,
  run(ctx) {
    const role = primaryRole(ctx.roles);
    return [
      say(
        [
          ctx.t(ctx.msg.chatType === "group" ? "common:start.group" : "common:start.private", { name: ctx.msg.senderName }),
          ctx.t(`common:start.role.${role}`),
          ctx.t("common:start.more"),
        ].join("\n\n"),
      ),
    ];
  },
};
