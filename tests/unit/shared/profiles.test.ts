import { describe, expect, it } from 'vitest';
import { profilesInputs } from '../../../shared/protocol/profiles-schemas';
import { DEFAULT_PRIVACY, PROFILE_FIELDS, mayView, mayViewField, plainBio, profileRefusal, readPrivacy, VISIBILITIES, type ViewerRelation } from '../../../shared/rules/profiles';

describe('profile privacy rule', () => {
  it('the writer sees everything; circle-mates see everyone and circles fields; strangers only everyone fields', () => {
    const table: Record<ViewerRelation, Record<string, boolean>> = {
      self: { everyone: true, circles: true, me: true },
      circle: { everyone: true, circles: true, me: false },
      stranger: { everyone: true, circles: false, me: false },
    };
    for (const relation of ['self', 'circle', 'stranger'] as const) {
      for (const visibility of VISIBILITIES) expect(mayView(visibility, relation), `${relation} / ${visibility}`).toBe(table[relation][visibility]);
    }
    const privacy = { ...DEFAULT_PRIVACY, bio: 'me' as const };
    expect(PROFILE_FIELDS.filter((f) => mayViewField(privacy, f, 'stranger'))).toEqual(['genres', 'circles', 'badges']);
    expect(PROFILE_FIELDS.filter((f) => mayViewField(privacy, f, 'circle'))).toEqual(['genres', 'workingOn', 'circles', 'badges', 'activity']);
  });

  it('a stored privacy from any version is read safely: unknown choices and fields fall back to the defaults', () => {
    expect(readPrivacy(null)).toEqual(DEFAULT_PRIVACY);
    expect(readPrivacy({ bio: 'me', genres: 'friends', extra: 'everyone', workingOn: 3 })).toEqual({ ...DEFAULT_PRIVACY, bio: 'me' });
  });

  it('a bio is plain text within its limit: control and direction characters go, blank runs shrink, ends are trimmed', () => {
    expect(plainBio('  Hi\u0007 there\r\n\r\n\r\n\r\nagain\u202E!  ')).toBe('Hi there\n\nagain!');
    expect(profileRefusal({ displayName: 'A', bio: 'x'.repeat(1000), genres: [] })).toBeNull();
    expect(profileRefusal({ displayName: 'A', bio: 'x'.repeat(1001), genres: [] })).toMatchObject({ code: 'invalid_input' });
    expect(profileRefusal({ displayName: '  ', bio: '', genres: [] })).toMatchObject({ code: 'invalid_input' });
    const parsed = profilesInputs['profile:update'].safeParse({ displayName: 'A', bio: '\u0000'.repeat(10) + 'ok', genres: [], workingOn: null, stamp: '000000000000001:000000:n' });
    expect(parsed.success && parsed.data.bio).toBe('ok');
    expect(profilesInputs['profile:update'].safeParse({ displayName: 'A', bio: 'x'.repeat(1001), genres: [], workingOn: null, stamp: '000000000000001:000000:n' }).success).toBe(false);
  });
});
