/**
 * Roles. Admin comes from `ADMINS` or a grant; leader from a grant; reporter from being bound to a unit;
 * everyone is a citizen. An admin may do whatever a leader may.
 */
import type { Db } from "../db/client.ts";
import { reporterUnits, type Member } from "../db/repos/members.ts";

export type Role = "admin" | "leader" | "reporter" | "citizen";

export interface AdminId {
  platform: string;
  userId: string;
}

export interface MemberRoles {
  roles: ReadonlySet<Role>;
  /** Units the member reports for, across campaigns. */
  units: { campaignId: string; unitCode: string }[];
}

export function resolveRoles(db: Db, member: Member, admins: readonly AdminId[]): MemberRoles {
  const roles = new Set<Role>(["citizen"]);
  const units = reporterUnits(db, member.id);
  if (units.length > 0) roles.add("reporter");
  const configured = admins.some((a) => a.platform === member.platform && a.userId === member.platformUserId);
  if (configured || member.role === "admin") roles.add("admin").add("leader");
  if (member.role === "leader") roles.add("leader");
  return { roles, units };
}

/** The most senior role, for "who am I" answers. */
export function primaryRole(roles: ReadonlySet<Role>): Role {
  for (const r of ["admin", "leader", "reporter"] as const) if (roles.has(r)) return r;
  return "citizen";
}
