import { describe, expect, it } from 'vitest';
import type { DirectoryChange, DirectoryPage, JoinAnswer, JoinRequest } from '../../shared/api/directory';
import type { Circle } from '../../shared/protocol/community-events';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('the directory from three studios (owner, member, stranger)', () => {
  it('finds and joins a public circle, asks to join a closed one and hears the answer; a private circle stays out of sight', async () => {
    const { url } = await serverOn();
    const owner = await studioFor(url, 'dir_owner');
    const member = await studioFor(url, 'dir_member');
    const stranger = await studioFor(url, 'dir_stranger');

    const open = await call<Circle>(owner.core, 'circles.create', { name: 'Lunch Break Writers', description: 'Thirty minutes, every weekday' });
    await call(owner.core, 'directory.setListing', { circleId: open.id, visibility: 'public', genres: ['romance'], language: 'en', timeZone: 'America/Chicago' });
    const closed = await call<Circle>(owner.core, 'circles.create', { name: 'Slow Poets' });
    await call(owner.core, 'directory.setListing', { circleId: closed.id, visibility: 'closed', genres: ['poetry'] });
    const hidden = await call<Circle>(owner.core, 'circles.create', { name: 'Lunch Secret' });

    // The member finds the public circle by a word of its name and joins it from the directory.
    const found = await call<DirectoryPage>(member.core, 'directory.search', { query: 'lunch' });
    expect(found.circles.map((c) => [c.name, c.visibility, c.genres, c.memberCount, c.standing])).toEqual([['Lunch Break Writers', 'public', ['romance'], 1, 'none']]);
    const joined = await call<JoinAnswer>(member.core, 'directory.join', { circleId: open.id });
    expect(joined).toMatchObject({ joined: true, circle: { id: open.id, role: 'member' } });
    expect((await call<Circle[]>(member.core, 'circles.list')).map((c) => c.name)).toEqual(['Lunch Break Writers']);
    expect((await call<Array<{ userId: string }>>(owner.core, 'circles.members', { circleId: open.id })).map((m) => m.userId)).toContain(member.userId);

    // The stranger asks to join the closed circle; the owner's studio hears of it and accepts.
    const ownerChanges: DirectoryChange[] = [];
    owner.core.on('directory:changed', (c) => c && ownerChanges.push(c));
    const strangerChanges: DirectoryChange[] = [];
    stranger.core.on('directory:changed', (c) => c && strangerChanges.push(c));
    expect((await call<DirectoryPage>(stranger.core, 'directory.search', { genre: 'poetry' })).circles.map((c) => c.id)).toEqual([closed.id]);
    expect(await call<JoinAnswer>(stranger.core, 'directory.join', { circleId: closed.id, note: 'Haiku, mostly' })).toMatchObject({ joined: false });
    await waitFor(() => ownerChanges.some((c) => c.kind === 'requested' && c.circleId === closed.id), 'the owner heard of the request');
    const waiting = await call<JoinRequest[]>(owner.core, 'directory.requests', { circleId: closed.id });
    expect(waiting.map((r) => [r.username, r.note])).toEqual([['dir_stranger', 'Haiku, mostly']]);
    await call(owner.core, 'directory.decide', { circleId: closed.id, userId: stranger.userId, accept: true });
    await waitFor(() => strangerChanges.some((c) => c.kind === 'decided' && c.accepted), 'the stranger heard the answer');
    expect((await call<Circle[]>(stranger.core, 'circles.list')).map((c) => c.name)).toEqual(['Slow Poets']);

    // Nobody outside it finds the private circle, by name or otherwise.
    for (const who of [member, stranger]) {
      const page = await call<DirectoryPage>(who.core, 'directory.search', { query: 'secret' });
      expect(page.circles).toEqual([]);
      expect(await who.core.call('directory.join', { circleId: hidden.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    // Bad input is refused by the core before it reaches the network.
    expect(await member.core.call('directory.setListing', { circleId: open.id, visibility: 'everyone' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await member.core.call('directory.setListing', { circleId: open.id, visibility: 'private' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
