/**
 * A hybrid logical clock (Kulkarni et al.): wall time, a counter for events in the same
 * millisecond, and the node that made it. Encoded so that comparing the strings compares
 * the clocks, which is how last-writer-wins flags (resolved, helpful) decide, even between
 * machines whose clocks disagree.
 */
export const HLC_PATTERN = /^\d{15}:\d{6}:[A-Za-z0-9-]{1,40}$/;

export interface HlcState {
  wallMs: number;
  counter: number;
}

export function encodeHlc(state: HlcState, node: string): string {
  return `${String(state.wallMs).padStart(15, '0')}:${String(state.counter).padStart(6, '0')}:${node}`;
}

export function decodeHlc(value: string): HlcState {
  const [wall, counter] = value.split(':');
  return { wallMs: Number(wall), counter: Number(counter) };
}

/** The server refuses stamps further ahead of its own time than this (a wrong or hostile clock must not win every flag). */
export const HLC_MAX_AHEAD_MS = 60_000;
const MAX_COUNTER = 999_999;

/** True when `hlc` claims a time more than HLC_MAX_AHEAD_MS past `nowMs` (the judge's own clock). */
export function hlcTooFarAhead(hlc: string, nowMs: number): boolean {
  return decodeHlc(hlc).wallMs > nowMs + HLC_MAX_AHEAD_MS;
}

/**
 * A clock for one node: `tick()` for a local event, `observe()` for one received. `now` should be
 * the server-corrected time. A received stamp further ahead than the server would accept is not
 * adopted (this clock would then make stamps the server refuses), and the counter never
 * outgrows its six digits: past 999,999 events in one millisecond the clock moves to the next.
 */
export function createHlc(node: string, now: () => number = Date.now) {
  let last: HlcState = { wallMs: 0, counter: 0 };
  const advance = (seen: HlcState | null) => {
    // Whole milliseconds: a corrected clock (now + an estimated offset) may carry a fraction.
    const wall = Math.max(Math.floor(now()), last.wallMs, seen?.wallMs ?? 0);
    let counter = 0;
    if (wall === last.wallMs) counter = Math.max(counter, last.counter + 1);
    if (seen && wall === seen.wallMs) counter = Math.max(counter, seen.counter + 1);
    last = counter > MAX_COUNTER ? { wallMs: wall + 1, counter: 0 } : { wallMs: wall, counter };
    return encodeHlc(last, node);
  };
  return {
    tick: () => advance(null),
    observe: (remote: string) => {
      if (!HLC_PATTERN.test(remote) || hlcTooFarAhead(remote, now())) return;
      advance(decodeHlc(remote));
    },
  };
}
