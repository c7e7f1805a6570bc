import { describe, expect, it } from 'vitest';
import { createHlc, decodeHlc, encodeHlc, HLC_MAX_AHEAD_MS, HLC_PATTERN, hlcTooFarAhead } from '../../../shared/sync/hlc';

describe('hybrid logical clock', () => {
  it('does not adopt a stamp further ahead than the server accepts, so its own stamps stay acceptable', () => {
    const now = 1_800_000_000_000;
    const clock = createHlc('studio', () => now);
    clock.observe(encodeHlc({ wallMs: now + 365 * 24 * 3600_000, counter: 999_999 }, 'hostile'));
    const next = clock.tick();
    expect(hlcTooFarAhead(next, now)).toBe(false);
    expect(decodeHlc(next).wallMs).toBe(now);
    // Within the bound it is adopted, as a hybrid clock must.
    clock.observe(encodeHlc({ wallMs: now + HLC_MAX_AHEAD_MS - 1, counter: 5 }, 'peer'));
    expect(decodeHlc(clock.tick())).toEqual({ wallMs: now + HLC_MAX_AHEAD_MS - 1, counter: 7 });
  });
  it('never outgrows its six-digit counter: past 999,999 it moves to the next millisecond', () => {
    const now = 1_800_000_000_000;
    const clock = createHlc('studio', () => now);
    clock.observe(encodeHlc({ wallMs: now, counter: 999_998 }, 'peer'));
    const stamps = [clock.tick(), clock.tick(), clock.tick()];
    for (const s of stamps) expect(s).toMatch(HLC_PATTERN);
    expect(stamps.map(decodeHlc)).toEqual([
      { wallMs: now + 1, counter: 0 },
      { wallMs: now + 1, counter: 1 },
      { wallMs: now + 1, counter: 2 },
    ]);
    expect([...stamps].sort()).toEqual(stamps);
  });
  it('stamps whole milliseconds when the corrected clock carries a fraction (an offset estimate halves a round trip)', () => {
    const clock = createHlc('studio', () => 1_800_000_000_000.5);
    expect(clock.tick()).toMatch(HLC_PATTERN);
  });
});
