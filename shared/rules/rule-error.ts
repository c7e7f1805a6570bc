import type { ApiError, ErrorCode } from '../api/result';

/** What a rule answers: null when allowed, else the refusal both sides show. */
export type Refusal = ApiError | null;
export const refuse = (code: ErrorCode, message: string): ApiError => ({ code, message });
