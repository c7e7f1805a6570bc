import { describe, expect, it } from 'vitest';
import { deliveryOf, digestDue, digestOf, isQuiet, localDay, minuteOfDay } from '../../../shared/rules/notifications';
import { kudosLabel, kudosRefusal } from '../../../shared/rules/kudos';

const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  const night = { from: '22:00', to: '07:00' };
  it('run across midnight in the writer’s time zone', () => {
    // 23:30 and 03:00 in Paris (UTC+1 in November) are quiet; 07:00 is not (the end is excluded).
    expect(isQuiet(night, at('2026-11-24T22:30:00Z'), 'Europe/Paris')).toBe(true);
    expect(isQuiet(night, at('2026-11-25T02:00:00Z'), 'Europe/Paris')).toBe(true);
    expect(isQuiet(night, at('2026-11-25T06:00:00Z'), 'Europe/Paris')).toBe(false);
    expect(isQuiet(night, at('2026-11-24T20:59:00Z'), 'Europe/Paris')).toBe(false);
    expect(isQuiet(night, at('2026-11-24T21:00:00Z'), 'Europe/Paris')).toBe(true);
    // The same instant is daytime in Tokyo.
    expect(isQuiet(night, at('2026-11-25T02:00:00Z'), 'Asia/Tokyo')).toBe(false);
  });
  it('within one day, and never when both times are equal or there are none', () => {
    const lunch = { from: '12:00', to: '13:30' };
    expect(isQuiet(lunch, at('2026-11-24T12:45:00Z'), 'UTC')).toBe(true);
    expect(isQuiet(lunch, at('2026-11-24T13:30:00Z'), 'UTC')).toBe(false);
    expect(isQuiet(lunch, at('2026-11-24T11:59:00Z'), 'UTC')).toBe(false);
    expect(isQuiet({ from: '09:00', to: '09:00' }, at('2026-11-24T09:00:00Z'), 'UTC')).toBe(false);
    expect(isQuiet(null, at('2026-11-24T09:00:00Z'), 'UTC')).toBe(false);
    expect(isQuiet({ from: '25:00', to: '07:00' }, at('2026-11-24T02:00:00Z'), 'UTC')).toBe(false);
  });
  it('reads the minute of the day in the zone, and an unknown zone as the machine’s', () => {
    expect(minuteOfDay(at('2026-11-24T23:15:00Z'), 'America/New_York')).toBe(18 * 60 + 15);
    const now = at('2026-11-24T23:15:00Z');
    expect(minuteOfDay(now, 'Not/AZone')).toBe(now.getHours() * 60 + now.getMinutes());
    expect(localDay(at('2026-11-24T23:15:00Z'), 'Asia/Tokyo')).toBe('2026-11-25');
  });
});

describe('the daily digest', () => {
  it('is due once a day, from its time on', () => {
    expect(digestDue('18:00', null, at('2026-11-24T17:59:00Z'), 'UTC')).toBe(false);
    expect(digestDue('18:00', null, at('2026-11-24T18:00:00Z'), 'UTC')).toBe(true);
    expect(digestDue('18:00', '2026-11-24', at('2026-11-24T21:00:00Z'), 'UTC')).toBe(false);
    expect(digestDue('18:00', '2026-11-24', at('2026-11-25T18:05:00Z'), 'UTC')).toBe(true);
    expect(digestDue('bad', null, at('2026-11-25T18:05:00Z'), 'UTC')).toBe(false);
  });
  it('groups what it holds by kind, most first', () => {
    const d = digestOf([
      { kind: 'kudos', title: 'Ana gave kudos' },
      { kind: 'comment', title: 'Bo commented' },
      { kind: 'kudos', title: 'Cy gave kudos' },
      { kind: 'follow', title: 'Di follows you' },
      { kind: 'kudos', title: 'Ed gave kudos' },
      { kind: 'comment', title: 'Fa commented' },
    ])!;
    expect(d.groups).toEqual([
      { kind: 'kudos', count: 3 },
      { kind: 'comment', count: 2 },
      { kind: 'follow', count: 1 },
    ]);
    expect(d.body).toBe('3 kudos received · 2 new comments · 1 new follower');
    expect(d.title).toBe('Your day in Margin: 6 notifications');
    expect(digestOf([{ kind: 'mention', title: 'Gil mentioned you' }])).toEqual({ title: 'Gil mentioned you', body: '1 mention', groups: [{ kind: 'mention', count: 1 }] });
    expect(digestOf([])).toBeNull();
  });
});

describe('delivery', () => {
  const base = { inApp: true, desktop: true, digest: false, quiet: { from: '22:00', to: '07:00' }, timeZone: 'UTC' };
  const night = at('2026-11-24T23:00:00Z');
  const day = at('2026-11-24T10:00:00Z');
  it('holds desktop notifications in the centre during quiet hours', () => {
    expect(deliveryOf(base, day)).toBe('desktop');
    expect(deliveryOf(base, night)).toBe('centre');
  });
  it('follows the per-kind switches and the digest', () => {
    expect(deliveryOf({ ...base, inApp: false }, day)).toBe('none');
    expect(deliveryOf({ ...base, desktop: false }, day)).toBe('centre');
    expect(deliveryOf({ ...base, digest: true }, day)).toBe('digest');
  });
});

describe('who may give kudos', () => {
  it('to other writers’ things they can see; critiques only from the draft’s author', () => {
    expect(kudosRefusal('me', { kind: 'post', ownerId: 'ana', visible: true })).toBeNull();
    expect(kudosRefusal('me', { kind: 'post', ownerId: 'me', visible: true })?.code).toBe('conflict');
    expect(kudosRefusal('me', { kind: 'sprint_result', ownerId: 'ana', visible: false })?.code).toBe('forbidden');
    expect(kudosRefusal('me', null)?.code).toBe('forbidden');
    expect(kudosRefusal('me', { kind: 'critique', ownerId: 'ana', visible: true, shareAuthorId: 'me' })).toBeNull();
    expect(kudosRefusal('me', { kind: 'critique', ownerId: 'ana', visible: true, shareAuthorId: 'bo' })?.code).toBe('forbidden');
    expect(kudosLabel(0, false)).toEqual({ text: '👏', label: 'Give kudos (0 so far)' });
    expect(kudosLabel(3, true).label).toBe('Take back your kudos (3 in all)');
  });
});
