import type { ErrorCode } from '../../shared/api/result';

/** Thrown by handlers; answered to the client as `{ ok: false, error }`. */
export class CommunityError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const forbidden = (message = 'You may not do that.') => new CommunityError('forbidden', message);
