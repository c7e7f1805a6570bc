import { describe, expect, it } from 'vitest';
import { checkSuggestionAllowed, mayCurate, pickDailyPrompt, promptDay, PROMPT_LIMITS, type LibraryPrompt } from '../../../shared/rules/prompts';

const library = (n: number): LibraryPrompt[] =>
  Array.from({ length: n }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, createdAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }));

/** Runs the rule day after day as the server does: each day's pick joins the history. */
function days(scope: string, active: LibraryPrompt[], count: number, from = '2026-11-01'): string[] {
  const history: string[] = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let d = 0; d < count; d++) history.push(pickDailyPrompt(scope, new Date(start + d * 86_400_000).toISOString().slice(0, 10), active, history)!);
  return history;
}

describe('prompt rules', () => {
  it('picks the same prompt for the same library, scope and day, whatever order the library comes in', () => {
    const lib = library(7);
    const a = pickDailyPrompt('circle-a', '2026-11-24', lib, []);
    expect(pickDailyPrompt('circle-a', '2026-11-24', [...lib].reverse(), [])).toBe(a);
    expect(lib.map((p) => p.id)).toContain(a);
  });

  it('rotates without a repeat until the library is exhausted, then starts a new round', () => {
    const lib = library(5);
    const picked = days('circle-a', lib, 12);
    expect(new Set(picked.slice(0, 5)).size).toBe(5);
    expect(new Set(picked.slice(5, 10)).size).toBe(5);
    // Consecutive days never show the same prompt inside a round.
    for (let i = 1; i < 5; i++) expect(picked[i]).not.toBe(picked[i - 1]);
  });

  it('a prompt added mid-round joins the rotation; a retired one leaves it', () => {
    const lib = library(4);
    const firstTwo = days('s', lib, 2);
    const grown = [...lib, ...library(6).slice(4)];
    const next = pickDailyPrompt('s', '2026-11-03', grown, firstTwo)!;
    expect(firstTwo).not.toContain(next);
    const retired = lib.filter((p) => p.id !== firstTwo[0]);
    // With the first day's prompt retired, the round is the other three: the third pick is neither of the two shown.
    const third = pickDailyPrompt('s', '2026-11-03', retired, firstTwo)!;
    expect(firstTwo).not.toContain(third);
    expect(retired.map((p) => p.id)).toContain(third);
  });

  it('answers null for an empty library and the only prompt for a library of one', () => {
    expect(pickDailyPrompt('s', '2026-11-24', [], [])).toBeNull();
    const one = library(1);
    expect(days('s', one, 3)).toEqual([one[0]!.id, one[0]!.id, one[0]!.id]);
  });

  it('different circles get their own rotation', () => {
    const lib = library(30);
    expect(days('circle-a', lib, 10)).not.toEqual(days('circle-b', lib, 10));
  });

  it('finds the calendar day in the circle’s time zone, else UTC (an unknown zone too)', () => {
    const late = new Date('2026-11-24T23:30:00Z');
    expect(promptDay(late, null)).toBe('2026-11-24');
    expect(promptDay(late, 'Europe/Berlin')).toBe('2026-11-25');
    expect(promptDay(new Date('2026-11-24T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-23');
    expect(promptDay(late, 'Mars/Olympus')).toBe('2026-11-24');
  });

  it('who curates: circle owners and moderators (and site admins); the open library: site moderators and admins', () => {
    expect(mayCurate('c', 'owner', ['writer'])).toBe(true);
    expect(mayCurate('c', 'moderator', ['writer'])).toBe(true);
    expect(mayCurate('c', 'member', ['writer'])).toBe(false);
    expect(mayCurate('c', null, ['admin'])).toBe(true);
    expect(mayCurate('c', 'banned', ['admin'])).toBe(false);
    expect(mayCurate(null, 'owner', ['writer'])).toBe(false);
    expect(mayCurate(null, null, ['moderator'])).toBe(true);
    expect(mayCurate(null, null, ['admin'])).toBe(true);
  });

  it('limits suggestions waiting per writer', () => {
    expect(checkSuggestionAllowed(PROMPT_LIMITS.pendingSuggestions - 1)).toBeNull();
    expect(checkSuggestionAllowed(PROMPT_LIMITS.pendingSuggestions)?.code).toBe('rate_limited');
  });
});
