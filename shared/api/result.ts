/** Errors cross every boundary (IPC, WebSocket, Socket.IO) as values, never as stack traces. */
export type ErrorCode =
  | 'invalid_input'
  | 'invalid_content'
  | 'too_large'
  | 'not_found'
  | 'conflict'
  | 'unknown_method'
  | 'database_locked'
  | 'database_corrupt'
  /** The data folder was last used by a newer Margin: refused, untouched. */
  | 'database_newer'
  | 'unavailable'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'unknown_event'
  | 'insufficient_credits'
  /** A clock stamp too far ahead of the server's own time (see shared/sync/hlc.ts). */
  | 'clock_ahead'
  /** A site or circle ban (shared/rules/moderation.ts); a site ban also refuses sign-in. */
  | 'banned'
  /** A suspension for a period: posting refused until it ends. */
  | 'suspended'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** With `rate_limited`: how long to wait before trying again (the outbox waits at least this). */
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Thrown inside core code; turned into a `Result` at the boundary. */
export class StudioError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new StudioError(result.error.code, result.error.message);
}
