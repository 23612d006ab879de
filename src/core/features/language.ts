/** /ngonngu vi|en: the sender's language for every answer. */
import { setMemberLocale } from "../../db/repos/members.ts";
import { LOCALES } from "../../i18n.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";

export const languageFeature: Feature = {
  name: "language",
  commands: ["ngonngu", "language", "lang"],
  run(ctx, args) {
    const wanted = args.trim().toLowerCase();
    if (!(LOCALES as readonly string[]).includes(wanted)) return [say(ctx.t("common:language.usage"))];
    setMemberLocale(ctx.deps.db, ctx.member.id, wanted);
    return [say(ctx.deps.i18n.t(wanted)("common:language.set"))];
  },
};
