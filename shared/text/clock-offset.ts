/** One round trip of `time:sync`: client send, server receive, server send, client receive (ms since epoch). */
export interface ClockSample {
  t0: number;
  t1: number;
  t2: number;
  t3: number;
}

/**
 * NTP-style estimate of how far the server's clock is ahead of ours. Each sample's offset is
 * ((t1 - t0) + (t2 - t3)) / 2; the samples with the shortest round trips are the least
 * disturbed by queueing, so the median of the best half is used.
 */
export function estimateOffset(samples: ClockSample[]): { offsetMs: number; roundTripMs: number } {
  if (samples.length === 0) return { offsetMs: 0, roundTripMs: Number.POSITIVE_INFINITY };
  const scored = samples
    .map((s) => ({ offset: (s.t1 - s.t0 + (s.t2 - s.t3)) / 2, rtt: s.t3 - s.t0 - (s.t2 - s.t1) }))
    .sort((a, b) => a.rtt - b.rtt)
    .slice(0, Math.max(1, Math.ceil(samples.length / 2)))
    .sort((a, b) => a.offset - b.offset);
  const mid = scored[Math.floor(scored.length / 2)]!;
  return { offsetMs: mid.offset, roundTripMs: mid.rtt };
}
