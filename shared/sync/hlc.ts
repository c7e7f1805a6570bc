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

/** A clock for one node: `tick()` for a local event, `observe()` for one received. */
export function createHlc(node: string, now: () => number = Date.now) {
  let last: HlcState = { wallMs: 0, counter: 0 };
  const advance = (seen: HlcState | null) => {
    const wall = Math.max(now(), last.wallMs, seen?.wallMs ?? 0);
    let counter = 0;
    if (wall === last.wallMs) counter = Math.max(counter, last.counter + 1);
    if (seen && wall === seen.wallMs) counter = Math.max(counter, seen.counter + 1);
    last = { wallMs: wall, counter };
    return encodeHlc(last, node);
  };
  return {
    tick: () => advance(null),
    observe: (remote: string) => {
      if (HLC_PATTERN.test(remote)) advance(decodeHlc(remote));
    },
  };
}
