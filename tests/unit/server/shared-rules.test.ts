import { describe, expect, expectTypeOf, it } from 'vitest';
import { critiqueEarns, DEFAULT_CREDIT_RULES, setRulesRefusal, spendRefusal } from '../../../shared/rules/credits';
import { commentRefusal, critiqueRefusal, helpfulRefusal, mayReadShare, publishRefusal, resolveRefusal, unseen } from '../../../shared/rules/critique';
import { GRACE_MS, joinRefusal, plausibleWords, progressRefusal, sprintStatus, sprintVisibilityRefusal } from '../../../shared/rules/sprints';
import type { PublicContext, SignedInContext } from '../../../server/socket/context';
import type { Handlers } from '../../../server/socket/register-handlers';
import type { UsersTable } from '../../../server/store/schema';

const share = { authorId: 'author', readerIds: [] as string[], revoked: false };

describe('critique rules (shared by the server and the studio)', () => {
  it('lets the author and current members read; never the banned, strangers, or readers left out', () => {
    expect(mayReadShare(share, 'author', undefined)).toBe(true);
    expect(mayReadShare(share, 'ana', 'member')).toBe(true);
    expect(mayReadShare(share, 'ana', 'banned')).toBe(false);
    expect(mayReadShare(share, 'ana', undefined)).toBe(false);
    expect(mayReadShare({ ...share, readerIds: ['ben'] }, 'ana', 'member')).toBe(false);
    expect(mayReadShare({ ...share, revoked: true }, 'ana', 'member')).toBe(false);
  });

  it('answers everything a writer may not see with the same not_found', () => {
    expect(commentRefusal(undefined, 'ana', 'member')).toEqual(unseen('draft'));
    expect(commentRefusal({ ...share, revoked: true }, 'ana', 'member')).toEqual(unseen('draft'));
    expect(critiqueRefusal(share, 'ana', undefined)).toEqual(unseen('draft'));
    expect(critiqueRefusal(share, 'author', 'owner')).toMatchObject({ code: 'forbidden', message: expect.stringContaining('own draft') });
    expect(critiqueRefusal(share, 'ana', 'member')).toBeNull();
  });

  it('decides who resolves and who marks helpful', () => {
    const base = { target: 'comment' as const, isReply: false, shareAuthorId: 'author', targetAuthorId: 'ana' };
    expect(resolveRefusal({ ...base, userId: 'author' })).toBeNull();
    expect(resolveRefusal({ ...base, userId: 'ana' })).toBeNull();
    expect(resolveRefusal({ ...base, userId: 'ben' })).toMatchObject({ code: 'forbidden' });
    expect(resolveRefusal({ ...base, isReply: true, userId: 'author' })).toMatchObject({ code: 'invalid_input' });
    expect(helpfulRefusal({ shareAuthorId: 'author', targetAuthorId: 'ana', userId: 'author' })).toBeNull();
    expect(helpfulRefusal({ shareAuthorId: 'author', targetAuthorId: 'ana', userId: 'ana' })).toMatchObject({ code: 'forbidden' });
    expect(helpfulRefusal({ shareAuthorId: 'author', targetAuthorId: 'author', userId: 'author' })).toMatchObject({ code: 'forbidden' });
  });

  it('refuses publishing into a circle not theirs and under a share not theirs with the same words', () => {
    const stranger = publishRefusal({ standing: undefined, readersAreMembers: true, circleId: 'c', userId: 'ana' });
    const notTheirs = publishRefusal({ standing: 'member', readersAreMembers: true, existing: { ...share, circleId: 'c' }, circleId: 'c', userId: 'ana' });
    expect(notTheirs).toEqual(stranger);
    expect(publishRefusal({ standing: 'member', readersAreMembers: true, circleId: 'c', userId: 'ana' })).toBeNull();
  });
});

describe('credit and sprint rules', () => {
  it('credits: defaults, earning, spending never below zero, who sets them', () => {
    expect(DEFAULT_CREDIT_RULES).toEqual({ postCost: 3, critiqueReward: 1, critiqueMinWords: 150, helpfulBonus: 1, welcome: 3 });
    expect(critiqueEarns(149, DEFAULT_CREDIT_RULES)).toBe(0);
    expect(critiqueEarns(150, DEFAULT_CREDIT_RULES)).toBe(1);
    expect(spendRefusal(3, 3)).toBeNull();
    expect(spendRefusal(2, 3)).toMatchObject({ code: 'insufficient_credits' });
    expect(setRulesRefusal('moderator')).toBeNull();
    expect(setRulesRefusal('member')).toMatchObject({ code: 'forbidden' });
  });

  it('sprints: status through the grace period, plausible words, who sees a circle sprint', () => {
    const start = Date.parse('2026-01-01T10:00:00Z');
    const [s, e] = ['2026-01-01T10:00:00Z', '2026-01-01T10:10:00Z'];
    expect(sprintStatus(s, e, start - 1)).toBe('upcoming');
    expect(sprintStatus(s, e, start + 600_000 + GRACE_MS - 1)).toBe('grace');
    expect(sprintStatus(s, e, start + 600_000 + GRACE_MS)).toBe('finished');
    expect(plausibleWords(0, 60_000)).toBe(350);
    expect(progressRefusal('upcoming')).toMatchObject({ code: 'conflict' });
    expect(progressRefusal('grace')).toBeNull();
    expect(joinRefusal('finished')).toMatchObject({ code: 'conflict' });
    expect(sprintVisibilityRefusal(null, undefined)).toBeNull();
    expect(sprintVisibilityRefusal('c', 'banned')).toMatchObject({ code: 'forbidden' });
  });
});

describe('handler contexts', () => {
  it('give signed-in events a non-null user by type, and public events a user that may be null', () => {
    expectTypeOf<Parameters<Handlers['circle:list']>[0]>().toEqualTypeOf<SignedInContext>();
    expectTypeOf<SignedInContext['user']>().toEqualTypeOf<UsersTable>();
    expectTypeOf<Parameters<Handlers['account:signIn']>[0]>().toEqualTypeOf<PublicContext>();
    expectTypeOf<PublicContext['user']>().toEqualTypeOf<UsersTable | null>();
  });
});
