import { describe, expect, it } from 'vitest';
import { FailureWindow } from '../../../server/socket/rate-limit';

describe('FailureWindow (sign-in failures in one process)', () => {
  it('blocks a key at its limit and forgets it when the window has passed', async () => {
    let now = 0;
    const window = new FailureWindow({ limit: 3, windowMs: 1000 }, 100, () => now);
    for (let i = 0; i < 3; i++) await window.fail('user:ana');
    expect(await window.blocked('user:ana')).toBe(true);
    now = 1001;
    expect(await window.blocked('user:ana')).toBe(false);
  });

  it('keeps a blocked key while 100k+ distinct usernames are sprayed past its capacity, and stays bounded', async () => {
    const window = new FailureWindow({ limit: 5, windowMs: 60_000 }, 1000);
    for (let i = 0; i < 5; i++) await window.fail('user:target');
    for (let i = 0; i < 120_000; i++) await window.fail(`user:spray_${i}`);
    expect(await window.blocked('user:target')).toBe(true);
    expect(window.size).toBeLessThanOrEqual(1000);
  });

  it('evicts the least recently used key first', async () => {
    const window = new FailureWindow({ limit: 2, windowMs: 60_000 }, 3);
    for (const key of ['a', 'b', 'c']) await window.fail(key);
    await window.fail('a'); // a is now the most recently used, and blocked
    await window.fail('d'); // over capacity: b goes (the oldest unblocked)
    await window.fail('b'); // b starts again from one failure
    expect(await window.blocked('a')).toBe(true);
    expect(await window.blocked('b')).toBe(false);
    expect(window.size).toBeLessThanOrEqual(3);
  });
});
