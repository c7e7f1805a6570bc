import { describe, expect, it } from 'vitest';
import { NEW_ACCOUNT_MS, POST_LIMITS, postLimit, retryAfter } from '../../../shared/rules/limits';
import { parseRoles, postingRefusal, signInRefusal, siteStaff, type ActiveSanction } from '../../../shared/rules/moderation';

const NOW = Date.parse('2026-11-24T12:00:00.000Z');
const later = (days: number) => new Date(NOW + days * 86_400_000).toISOString();

describe('moderation rules', () => {
  it('a circle sanction stops posting in that circle only; a site one everywhere; an ended suspension nowhere', () => {
    const inCircle: ActiveSanction = { kind: 'suspend', circleId: 'c1', until: later(2), reason: 'Spam.' };
    expect(postingRefusal([inCircle], 'c1', NOW)).toEqual({ code: 'suspended', message: 'You are suspended in this circle until 2026-11-26: Spam.' });
    expect(postingRefusal([inCircle], 'c2', NOW)).toBeNull();
    expect(postingRefusal([inCircle], null, NOW)).toBeNull();
    const site: ActiveSanction = { kind: 'ban', circleId: null, until: null, reason: 'Abuse.' };
    expect(postingRefusal([site], 'c2', NOW)).toMatchObject({ code: 'banned' });
    expect(postingRefusal([site], null, NOW)).toMatchObject({ code: 'banned' });
    expect(postingRefusal([{ ...inCircle, until: later(-1) }], 'c1', NOW)).toBeNull();
  });

  it('only a site ban refuses sign-in', () => {
    expect(signInRefusal([{ kind: 'ban', circleId: 'c1', until: null, reason: 'x' }], NOW)).toBeNull();
    expect(signInRefusal([{ kind: 'suspend', circleId: null, until: later(1), reason: 'x' }], NOW)).toBeNull();
    expect(signInRefusal([{ kind: 'ban', circleId: null, until: null, reason: 'Spam accounts.' }], NOW)).toEqual({ code: 'banned', message: 'This account is banned from this server: Spam accounts.' });
  });

  it('site staff from the account’s roles; bad role JSON is no role', () => {
    expect(siteStaff(['writer', 'admin'])).toBe('admin');
    expect(siteStaff(['moderator'])).toBe('site-moderator');
    expect(siteStaff(['writer', 'author'])).toBeNull();
    expect(parseRoles('not json')).toEqual([]);
    expect(parseRoles('{"admin":true}')).toEqual([]);
    expect(parseRoles('["writer",7,"admin"]')).toEqual(['writer', 'admin']);
  });

  it('posting limits are tighter in an account’s first day; retry-after counts from the oldest in the window', () => {
    const created = new Date(NOW - 1000).toISOString();
    expect(postLimit('thread', created, NOW)).toEqual(POST_LIMITS.thread.firstDay);
    expect(postLimit('thread', created, NOW + NEW_ACCOUNT_MS)).toEqual(POST_LIMITS.thread.settled);
    for (const rule of Object.values(POST_LIMITS)) expect(rule.firstDay.limit).toBeLessThan(rule.settled.limit);
    expect(retryAfter(NOW - 10 * 60_000, { limit: 3, windowMs: 60 * 60_000 }, NOW)).toBe(50 * 60_000);
    expect(retryAfter(NOW - 60 * 60_000, { limit: 3, windowMs: 60 * 60_000 }, NOW)).toBe(1000);
  });
});
