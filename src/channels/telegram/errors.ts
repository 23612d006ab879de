/** Bot API failures → `ChannelError`, which the outbox acts on (retry, wait `retry_after`, dead-letter). */
import { GrammyError, HttpError } from "grammy";
import { ChannelError } from "../../core/types.ts";

/**
 * 429 → RATE_LIMITED with Telegram's `retry_after` (5 s when missing); 403 (blocked, kicked) → FORBIDDEN;
 * 400 → BAD_REQUEST; 5xx and network failures → TRANSIENT; anything else → UNKNOWN (retried, then dead-lettered).
 * The message names the method and Telegram's description, never the payload (it holds the text).
 */
export function toChannelError(err: unknown): ChannelError {
  if (err instanceof ChannelError) return err;
  if (err instanceof GrammyError) {
    const message = `${err.method}: ${err.error_code} ${err.description}`;
    const code = err.error_code;
    if (code === 429) return new ChannelError(message, "RATE_LIMITED", err.parameters.retry_after ?? 5, { cause: err });
    if (code === 403) return new ChannelError(message, "FORBIDDEN", undefined, { cause: err });
    if (code === 400) return new ChannelError(message, "BAD_REQUEST", undefined, { cause: err });
    if (code >= 500) return new ChannelError(message, "TRANSIENT", undefined, { cause: err });
    return new ChannelError(message, "UNKNOWN", undefined, { cause: err });
  }
  if (err instanceof HttpError) return new ChannelError(err.message, "TRANSIENT", undefined, { cause: err });
  return new ChannelError(String((err as Error)?.message ?? err), "UNKNOWN", undefined, { cause: err });
}

/** Log fields for an error without the call's payload (a GrammyError carries the message text in `payload`). */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof GrammyError) return { method: err.method, errorCode: err.error_code, description: err.description };
  if (err instanceof HttpError) return { httpError: err.message, cause: String((err.error as Error)?.message ?? err.error) };
  return { err };
}

/** True for a Bot API "Bad Request" whose description matches. */
export function isBadRequest(err: unknown, description?: RegExp): err is GrammyError {
  return err instanceof GrammyError && err.error_code === 400 && (!description || description.test(err.description));
}
