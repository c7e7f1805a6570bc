import { describe, expect, it } from 'vitest';
import type { MyProfile, WriterProfile } from '../../shared/api/profiles';
import { DEFAULT_PRIVACY } from '../../shared/rules/profiles';
import type { Circle, Invite } from '../../shared/protocol/community-events';
import { docJson } from '../fixtures/lexical';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('profiles from two studios (a writer and a circle-mate)', () => {
  it('edited offline, the profile goes when the studio is back; the work shown follows real saves; a private field never reaches the mate', async () => {
    const first = await serverOn();
    const ann = await studioFor(first.url, 'prof_ann');
    const mate = await studioFor(first.url, 'prof_mate');
    const circle = await call<Circle>(ann.core, 'circles.create', { name: 'Night Train' });
    const invite = await call<Invite>(ann.core, 'circles.invite', { circleId: circle.id });
    await call(mate.core, 'circles.join', { code: invite.code });
    const project = await call<{ id: string }>(ann.core, 'projects.create', { title: 'The Quiet House' });
    const doc = await call<{ id: string }>(ann.core, 'documents.create', { projectId: project.id, parentId: null, title: 'One' });
    await call(ann.core, 'documents.save', { id: doc.id, content: docJson(['The house was quiet that night.']) });

    // Offline: the name, bio and the project shown are written here and wait in the outbox.
    await first.close();
    await waitFor(() => ann.core.current('sync:status').state !== 'online', 'Ann is offline');
    const edited = await call<MyProfile>(ann.core, 'profiles.update', { displayName: 'Ann on the train', bio: 'Ghost stories between stations.', genres: ['horror'], workingOn: { projectId: project.id, genre: 'horror' } });
    expect(edited).toMatchObject({ displayName: 'Ann on the train', syncState: 'pending', workingOn: { projectId: project.id, title: 'The Quiet House', genre: 'horror', words: 6 } });
    await call(ann.core, 'profiles.setPrivacy', { privacy: { ...DEFAULT_PRIVACY, bio: 'me' } });
    // Writing on: each save moves the count shown, and the outbox keeps one update, the latest.
    await call(ann.core, 'documents.save', { id: doc.id, content: docJson(['The house was quiet that night.', 'Then the stairs spoke.']) });
    await call(ann.core, 'documents.save', { id: doc.id, content: docJson(['The house was quiet that night.', 'Then the stairs spoke, twice.']) });
    const offline = await call<MyProfile>(ann.core, 'profiles.mine');
    expect(offline).toMatchObject({ displayName: 'Ann on the train', syncState: 'pending', view: null, workingOn: { words: 11 } });
    const waiting = ann.core.db.prepare("SELECT kind, payload FROM outbox WHERE kind LIKE 'profile.%' ORDER BY seq").all() as { kind: string; payload: string }[];
    expect(waiting.map((r) => r.kind)).toEqual(['profile.privacy', 'profile.update']);
    expect(JSON.parse(waiting[1]!.payload)).toMatchObject({ displayName: 'Ann on the train', workingOn: { title: 'The Quiet House', words: 11 } });

    // Back online: it goes, and the mate's studio sees it, without the bio Ann keeps to herself.
    await serverOn(first.dbFile, first.port);
    await waitFor(async () => (await call<MyProfile>(ann.core, 'profiles.mine')).syncState === 'synced', 'Ann’s profile was sent', 20_000);
    await waitFor(async () => (await mate.core.call('profiles.get', { accountId: ann.userId })).ok, 'the mate is back online', 20_000);
    const seen = await call<WriterProfile>(mate.core, 'profiles.get', { accountId: ann.userId });
    expect(seen).toMatchObject({ displayName: 'Ann on the train', relation: 'circle', genres: ['horror'], workingOn: { title: 'The Quiet House', genre: 'horror', words: 11 } });
    expect('bio' in seen).toBe(false);
    expect(JSON.stringify(seen)).not.toContain('Ghost stories');

    // Online, one more save: the mate sees the new count once it has gone.
    await call(ann.core, 'documents.save', { id: doc.id, content: docJson(['The house was quiet that night.', 'Then the stairs spoke, twice.', 'Nobody answered.']) });
    await waitFor(async () => (await call<WriterProfile>(mate.core, 'profiles.get', { accountId: ann.userId })).workingOn?.words === 13, 'the mate sees 13 words', 20_000);
    const mine = await call<MyProfile>(ann.core, 'profiles.mine');
    expect(mine).toMatchObject({ syncState: 'synced', privacy: { bio: 'me' }, view: { relation: 'self', bio: 'Ghost stories between stations.' } });
    expect(ann.core.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind LIKE 'profile.%'").get()).toEqual({ n: 0 });
  });

  it('refuses bad input and an unknown project, keeping what was there', async () => {
    const { url } = await serverOn();
    const ann = await studioFor(url, 'prof_bad');
    const before = await call<MyProfile>(ann.core, 'profiles.mine');
    expect(await ann.core.call('profiles.update', { displayName: '', bio: '', genres: [], workingOn: null })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ann.core.call('profiles.update', { displayName: 'A', bio: 'x'.repeat(1001), genres: [], workingOn: null })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ann.core.call('profiles.setPrivacy', { privacy: { ...DEFAULT_PRIVACY, bio: 'friends' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ann.core.call('profiles.update', { displayName: 'A', bio: '', genres: [], workingOn: { projectId: crypto.randomUUID(), genre: '' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call<MyProfile>(ann.core, 'profiles.mine')).toEqual(before);
    expect(ann.core.db.prepare("SELECT count(*) AS n FROM outbox WHERE kind LIKE 'profile.%'").get()).toEqual({ n: 0 });
  });
});
