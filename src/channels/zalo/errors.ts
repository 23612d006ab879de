/**
 * zca-js failures → `ChannelError`, so the outbox knows what to do. Zalo answers with a numeric `code` and a
 * Vietnamese message; the codes below are the ones zca-js users report (RFS-ADRENO/zca-js issues #114, #229,
 * #307, #325). Anything that looks like throttling or a ban pauses all Zalo sends (RATE_LIMITED with a long
 * `retryAfter`) rather than being retried hard: hammering a throttled account is how it gets locked.
 */
import { ChannelError } from "../../core/types.ts";

/** "Vượt quá số request cho phép" (too many requests). */
const TOO_MANY_REQUESTS = new Set([221]);
/** "Không thể nhận tin nhắn từ bạn": seen after bulk sends; treated as a ban warning. */
const BAN_LIKE = new Set([123]);
/** "Người này chặn không nhận tin nhắn từ người lạ": this chat will not take our messages. */
const REFUSED = new Set([122]);

const THROTTLE_TEXT = /vượt quá số (request|yêu cầu)|quá nhanh|thao tác quá nhiều|tạm khóa|bị khóa|hoạt động bất thường|spam|rate.?limit|too many/i;
const REFUSED_TEXT = /không phải (là )?thành viên|nhóm không tồn tại|đã bị xóa khỏi nhóm|chặn không nhận/i;
const BAD_TEXT = /missing (message content|threadid|attachments)|invalid mentions|không hợp lệ/i;

/** Sent while the session is down: wait, do not dead-letter, do not alert again. */
export const NOT_CONNECTED = "zalo session not connected";

export function toChannelError(err: unknown, pauseSeconds: number): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = err as { message?: unknown; code?: unknown } | null;
  const message = typeof e?.message === "string" ? e.message : String(err);
  const code = typeof e?.code === "number" ? e.code : null;
  if ((code !== null && (TOO_MANY_REQUESTS.has(code) || BAN_LIKE.has(code))) || THROTTLE_TEXT.test(message)) {
    return new ChannelError(`Zalo throttling (${code ?? "?"}): ${message}`, "RATE_LIMITED", pauseSeconds, { cause: err });
  }
  if ((code !== null && REFUSED.has(code)) || REFUSED_TEXT.test(message)) {
    return new ChannelError(`Zalo refused (${code ?? "?"}): ${message}`, "FORBIDDEN", undefined, { cause: err });
  }
  if (BAD_TEXT.test(message)) return new ChannelError(message, "BAD_REQUEST", undefined, { cause: err });
  // A Zalo error code we do not know: retried a few times, then dead-lettered with its message.
  if (code !== null) return new ChannelError(`Zalo error ${code}: ${message}`, "UNKNOWN", undefined, { cause: err });
  return new ChannelError(message, "TRANSIENT", undefined, { cause: err }); // network, timeout
}
