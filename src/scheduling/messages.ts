/**
 * What the scheduled jobs say: reminders that tag the reporters of late units (mentions with UTF-16 offsets,
 * as Telegram and Zalo count), the deadline notice, escalations, the leaderboard and the weekly digest.
 */
import type { Campaign } from "../campaigns/schema.ts";
import type { Mention, Platform, Reply } from "../core/types.ts";
import type { Db } from "../db/client.ts";
import { unitReporterMembers } from "../db/repos/members.ts";
import { unitsReportedOn } from "../db/repos/reports.ts";
import type { Translate } from "../i18n.ts";
import { shortDay } from "../time.ts";

/** Units listed in one reminder at most; the rest are counted. */
const MAX_LISTED = 40;

/**
 * "Kính gửi … chưa báo cáo:\n• Huyện A (@Nguyễn Văn B)" with a mention for each reporter on `platform`.
 * Returns null when every unit has reported (no one to remind).
 */
export function reminderReply(db: Db, t: Translate, campaign: Campaign, day: string, platform: Platform, key: "reminder" | "deadline"): Reply | null {
  const reported = unitsReportedOn(db, campaign.id, day);
  const missing = campaign.units.filter((u) => !reported.has(u.code));
  if (missing.length === 0) return null;
  let text = t(`schedule:${key}.title`, { day: shortDay(day), deadline: campaign.schedule?.deadline ?? "17:00", x: missing.length, y: campaign.units.length });
  const mentions: Mention[] = [];
  for (const unit of missing.slice(0, MAX_LISTED)) {
    text += `\n• ${unit.name}`;
    const reporters = unitReporterMembers(db, campaign.id, unit.code).filter((m) => m.platform === platform);
    if (reporters.length === 0) continue;
    text += " (";
    reporters.forEach((m, i) => {
      if (i > 0) text += ", ";
      const tag = `@${m.displayName || m.platformUserId}`;
      mentions.push({ userId: m.platformUserId, offset: text.length, length: tag.length });
      text += tag;
    });
    text += ")";
  }
  if (missing.length > MAX_LISTED) text += `\n${t("schedule:more", { count: missing.length - MAX_LISTED })}`;
  text += `\n${t(`schedule:${key}.footer`)}`;
  return { text, mentions };
}

/** To leadership chats: units silent for the escalation days, or null when none. */
export function escalationText(t: Translate, units: readonly { name: string; days: number }[], days: number): string | null {
  if (units.length === 0) return null;
  return [t("schedule:escalation.title", { count: units.length, days }), ...units.slice(0, MAX_LISTED).map((u) => t("schedule:escalation.line", u))].join("\n");
}
