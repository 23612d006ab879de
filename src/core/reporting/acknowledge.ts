/**
 * What the group sees after a report: a 👍 reaction when all is well, or one reply that echoes what was read
 * when something needs the sender's attention, so he can check it and correct by editing or re-posting.
 */
import type { Campaign } from "../../campaigns/schema.ts";
import type { ParseWarning } from "../../parsing/index.ts";
import { formatValue } from "../../render/format.ts";
import { shortDay } from "../../time.ts";
import type { Ctx } from "../context.ts";
import type { Reply } from "../types.ts";

export const ACK_REACTION = "👍";

/** A remark for the sender, as a locale key under `reporting:attention.` with its values. */
export interface Attention {
  code: string;
  values?: Record<string, string | number>;
}

export interface StoredFigure {
  metricKey: string;
  kind: "daily" | "cumulative";
  value: number;
}

/** Turns parser warnings into remarks for the sender (those worth a reply). */
export function attentionFromWarnings(warnings: readonly ParseWarning[], ctx: Ctx): Attention[] {
  const out: Attention[] = [];
  for (const w of warnings) {
    const excerpt = w.span ? ctx.msg.text.normalize("NFC").slice(w.span[0], w.span[1]) : "";
    if (w.code === "unmatched_number") out.push({ code: "unmatched", values: { excerpt } });
    // ambiguous_number is not echoed: the parser flags many separators it then reads correctly by context.
    else if (w.code === "unit_not_found") out.push({ code: "unitNotFound" });
  }
  return out;
}

/** The lines echoing what was stored: "• Tài khoản kích hoạt: 856 (trong ngày)". */
export function echoLines(ctx: Ctx, campaign: Campaign, figures: readonly StoredFigure[]): string[] {
  return figures.map((f) => {
    const metric = campaign.metrics.find((m) => m.key === f.metricKey);
    return ctx.t("reporting:echo.line", {
      label: metric?.label ?? f.metricKey,
      value: formatValue(f.value, metric?.type ?? "count", ctx.locale),
      kind: ctx.t(`reporting:kind.${f.kind}`),
    });
  });
}

export function acknowledge(
  ctx: Ctx,
  campaign: Campaign,
  stored: { unitName: string; day: string; figures: readonly StoredFigure[]; late: boolean },
  attention: readonly Attention[],
): Reply[] {
  if (attention.length === 0 && !campaign.alwaysReply) return [{ reaction: ACK_REACTION }];
  const lines = [
    ctx.t(attention.length ? "reporting:echo.checkTitle" : "reporting:echo.title", {
      unit: stored.unitName,
      day: shortDay(stored.day),
    }),
    ...echoLines(ctx, campaign, stored.figures),
  ];
  if (stored.late) lines.push(ctx.t("reporting:echo.late"));
  for (const a of attention) lines.push(`⚠️ ${ctx.t(`reporting:attention.${a.code}`, a.values)}`);
  if (attention.length) lines.push(ctx.t("reporting:echo.howToFix"));
  return [{ text: lines.join("\n"), replyTo: ctx.msg.messageId }];
}
