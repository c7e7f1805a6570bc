import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS, TokenBucket } from '../../shared/rules/request-pace';
import { call as socketCall, newWriter, startCommunity } from '../helpers/community';
import { call, studioFor } from '../helpers/studio';

describe('requests paced by the rule the server enforces', () => {
  it('the bucket books tokens in order once it is empty: each waits one refill longer than the one before', () => {
    let t = 0;
    const bucket = new TokenBucket(2, 10, () => t);
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100, 200]);
    t = 200; // the two booked tokens have been refilled: the next waits one refill
    expect(bucket.reserve()).toBe(100);
    t = 10_000; // refilled to capacity, never beyond
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 100]);
    // What a refusal tells the client to wait: until the next token.
    const gate = new TokenBucket(1, 4, () => t);
    expect([gate.take(), gate.take(), gate.wait()]).toEqual([true, false, 250]);
    t += 250;
    expect([gate.wait(), gate.take()]).toEqual([0, true]);
  });

  it('a burst beyond the limit from one studio is all answered, where the same burst on a bare socket is partly refused', async () => {
    // The server's own limits (not the raised ones other studio tests use).
    const { url } = await startCommunity('sqlite');
    const burst = REQUEST_LIMITS.burst * 2;

    const raw = await newWriter(url);
    const answers = await Promise.all(Array.from({ length: burst }, () => socketCall(raw.socket, 'activity:follows', {})));
    const refused = answers.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(refused.length, 'the server refuses a burst beyond its limit').toBeGreaterThan(0);
    for (const r of refused) expect(r).toMatchObject({ ok: false, error: { retryAfterMs: expect.any(Number) } });

    const { core } = await studioFor(url, 'pacer');
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: burst }, () => core.call('activity.follows', {})));
    const took = performance.now() - started;
    expect(results.filter((r) => !r.ok)).toEqual([]);
    // Paced, not stalled: the requests beyond the burst wait about one refill each.
    expect(took).toBeLessThan(((burst - REQUEST_LIMITS.burst + 10) / REQUEST_LIMITS.perSecond) * 1000 + 2000);
    expect(await call(core, 'activity.follows')).toEqual([]);
  });
});
