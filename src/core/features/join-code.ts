/** /mamoi <unit>: an admin makes a join code that approves a reporter at once; /mamoi huy <code> revokes one. */
import { createJoinCode, revokeJoinCode } from "../../db/repos/registrations.ts";
import { foldKey } from "../../text/fold.ts";
import { localDay, shortDay } from "../../time.ts";
import { say } from "../context.ts";
import type { Feature } from "../feature.ts";
import { findUnitIn } from "../reporting/find-unit.ts";

/** How long a join code works. */
export const JOIN_CODE_DAYS = 7;

export const joinCodeFeature: Feature = {
  name: "joinCode",
  commands: ["mamoi", "joincode"],
  allow: ["admin"],
  run(ctx, args) {
    const { t, deps } = ctx;
    const [first, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!first) return [say(t("reporting:joinCode.usage"))];
    if (["huy", "revoke"].includes(foldKey(first))) {
      const ok = rest[0] ? revokeJoinCode(deps.db, rest[0]) : false;
      return [say(t(ok ? "reporting:joinCode.revoked" : "reporting:joinCode.notFound", { code: rest[0] ?? "" }))];
    }
    const found = findUnitIn(deps.campaigns.list(), args, ctx.campaign);
    if (!found) return [say(t("reporting:register.unitNotFound", { query: args }))];
    const expiresAt = ctx.now.getTime() + JOIN_CODE_DAYS * 86_400_000;
    const code = createJoinCode(deps.db, { campaignId: found.campaign.id, unitCode: found.unit.code, createdBy: ctx.member.id, expiresAt });
    const until = shortDay(localDay(new Date(expiresAt), found.campaign.timezone), true);
    return [say(t("reporting:joinCode.created", { code: code.code, unit: found.unit.name, until }))];
  },
};
