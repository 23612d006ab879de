/**
 * Keeps the bot from flooding back when a member floods a chat: at most `perSender` answers per minute to one
 * person and `perChat` per minute in one chat. Over the limit the message is still handled (a report is still
 * stored); only the answer is dropped, and the sender is told once per minute window that he is going too fast.
 */

export interface ReplyLimits {
  /** Answers per minute to one sender in one chat (default 8). */
  perSender: number;
  /** Answers per minute in one chat (default 20, Telegram's own group limit). */
  perChat: number;
}

export const DEFAULT_REPLY_LIMITS: ReplyLimits = { perSender: 8, perChat: 20 };

export type LimitDecision = "ok" | "warn" | "drop";

export function createReplyLimiter(limits: ReplyLimits = DEFAULT_REPLY_LIMITS) {
  const windows = new Map<string, number[]>();
  const warned = new Map<string, number>();

  function count(key: string, now: number): number[] {
    const list = (windows.get(key) ?? []).filter((t) => t > now - 60_000);
    windows.set(key, list);
    return list;
  }

  return {
    /** Records an answer about to be sent and says whether to send it. */
    check(chatKey: string, senderKey: string, now = Date.now()): LimitDecision {
      const chat = count(`c:${chatKey}`, now);
      const sender = count(`s:${chatKey}:${senderKey}`, now);
      if (chat.length < limits.perChat && sender.length < limits.perSender) {
        chat.push(now);
        sender.push(now);
        return "ok";
      }
      const last = warned.get(senderKey) ?? 0;
      if (now - last > 60_000 && chat.length < limits.perChat) {
        warned.set(senderKey, now);
        chat.push(now);
        return "warn";
      }
      return "drop";
    },
    /** Forgets windows older than a minute (called now and then so the maps stay small). */
    sweep(now = Date.now()): void {
      for (const [k, list] of windows) if (!list.some((t) => t > now - 60_000)) windows.delete(k);
      for (const [k, t] of warned) if (t < now - 60_000) warned.delete(k);
    },
  };
}
