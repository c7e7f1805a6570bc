import { z } from 'zod';

/** Browser mode's WebSocket frames. IPC in Electron carries the same call/result pairs. */
export const WireRequest = z
  .object({ id: z.number().int().nonnegative(), method: z.string().max(100), input: z.unknown() })
  .strict();
export type WireRequest = z.infer<typeof WireRequest>;

export type WireMessage =
  | { id: number; result: import('./result').Result<unknown> }
  | { event: string; payload: unknown };

/** Largest frame accepted: one 20 MB document plus its envelope. */
export const MAX_WIRE_BYTES = 21 * 1024 * 1024;
