import type { ErrorCode } from '../../shared/api/result';
import type { Refusal } from '../../shared/rules/rule-error';

/** Thrown by handlers; answered to the client as `{ ok: false, error }`. */
export class CommunityError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** With `rate_limited`: when the client may try again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export const forbidden = (message = 'You may not do that.') => new CommunityError('forbidden', message);

/** Throws a shared rule's refusal (shared/rules/), if it refused. */
export function refuseIf(refusal: Refusal): void {
  if (refusal) throw new CommunityError(refusal.code, refusal.message);
}
