import { describe, expect, it } from 'vitest';
import { call, must, newWriter, nextEvent, startCommunity, type StoreKind } from '../../helpers/community';

async function world(kind: StoreKind) {
  const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 } });
  const owner = await newWriter(url);
  const make = async (name: string, description: string, listing: Record<string, unknown> | null) => {
    const circle = await must(owner.socket, 'circle:create', { name, description });
    if (listing) await must(owner.socket, 'directory:setListing', { circleId: circle.id, ...listing });
    return circle;
  };
  const open = await make('Night Owls', 'Fantasy writers who write after midnight', { visibility: 'public', genres: ['Fantasy', 'horror'], language: 'en', timeZone: 'Europe/London' });
  const closed = await make('Quiet Table', 'Literary fiction, by application', { visibility: 'closed', genres: ['literary'], language: 'fr', timeZone: 'UTC+01:00' });
  const hidden = await make('Secret Owls', 'Private circle of friends', null);
  return { url, store, owner, open, closed, hidden };
}

describe.each(['sqlite', 'postgres'] as const)('directory of circles (%s)', (kind) => {
  it('lists public and closed circles with their fields, size and activity; private ones stay invisible; filters and search narrow it', async () => {
    const { url, owner, open, closed, hidden } = await world(kind);
    const stranger = await newWriter(url);
    await must(owner.socket, 'sprint:create', { circleId: open.id, durationMin: 15 });
    await must(owner.socket, 'sprint:create', { circleId: open.id, durationMin: 20 });
    await must(owner.socket, 'discussion:start', { threadId: crypto.randomUUID(), postId: crypto.randomUUID(), circleId: open.id, title: 'Hello', body: 'Welcome, owls.' });

    const all = await must(stranger.socket, 'directory:search', {});
    expect(all.circles.map((c) => c.name)).toEqual(['Quiet Table', 'Night Owls']);
    expect(all.next).toBeNull();
    expect(all.circles[1]).toEqual({
      id: open.id,
      name: 'Night Owls',
      description: 'Fantasy writers who write after midnight',
      visibility: 'public',
      genres: ['fantasy', 'horror'],
      language: 'en',
      timeZone: 'Europe/London',
      memberCount: 1,
      activity30d: 3,
      createdAt: open.createdAt,
      standing: 'none',
    });
    expect(JSON.stringify(all)).not.toContain(hidden.id);
    expect((await must(stranger.socket, 'directory:search', { query: 'owls' })).circles.map((c) => c.id)).toEqual([open.id]);
    expect((await must(stranger.socket, 'directory:search', { query: 'LITERARY' })).circles.map((c) => c.id)).toEqual([closed.id]);
    expect((await must(stranger.socket, 'directory:search', { query: '%' })).circles).toEqual([]);
    expect((await must(stranger.socket, 'directory:search', { genre: 'Horror' })).circles.map((c) => c.id)).toEqual([open.id]);
    expect((await must(stranger.socket, 'directory:search', { genre: 'horr' })).circles).toEqual([]);
    expect((await must(stranger.socket, 'directory:search', { language: 'FR' })).circles.map((c) => c.id)).toEqual([closed.id]);
    expect((await must(stranger.socket, 'directory:search', { visibility: 'public' })).circles.map((c) => c.id)).toEqual([open.id]);
    // The owner sees their own standing.
    expect((await must(owner.socket, 'directory:search', {})).circles.map((c) => c.standing)).toEqual(['member', 'member']);
    // Made private again: gone from the directory.
    await must(owner.socket, 'directory:setListing', { circleId: closed.id, visibility: 'private' });
    expect((await must(stranger.socket, 'directory:search', {})).circles.map((c) => c.id)).toEqual([open.id]);
  });

  it('pages by keyset: every listed circle exactly once, newest first', async () => {
    const { url, owner } = await world(kind);
    for (let i = 0; i < 7; i++) {
      const c = await must(owner.socket, 'circle:create', { name: `Circle ${i}` });
      await must(owner.socket, 'directory:setListing', { circleId: c.id, visibility: i % 2 ? 'closed' : 'public' });
    }
    const reader = await newWriter(url);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await must(reader.socket, 'directory:search', { limit: 3, ...(after ? { after } : {}) });
      seen.push(...page.circles.map((c) => c.name));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect(seen.slice(0, 2)).toEqual(['Circle 6', 'Circle 5']);
  });

  it('joins a public circle directly; a closed one by request the owner or a moderator decides; a private one answers as unknown', async () => {
    const { url, owner, open, closed, hidden } = await world(kind);
    const reader = await newWriter(url);
    const joined = nextEvent(owner.socket, 'circle:memberJoined');
    const answer = await must(reader.socket, 'directory:join', { circleId: open.id });
    expect(answer).toMatchObject({ joined: true, circle: { id: open.id, role: 'member', visibility: 'public', memberCount: 2 } });
    expect((await joined).member.userId).toBe(reader.userId);
    expect((await must(reader.socket, 'circle:list', {})).map((c) => c.id)).toEqual([open.id]);
    // Joining again is harmless.
    expect(await must(reader.socket, 'directory:join', { circleId: open.id })).toMatchObject({ joined: true });

    const asked = nextEvent(owner.socket, 'directory:requested');
    const request = await must(reader.socket, 'directory:join', { circleId: closed.id, note: 'I write slow novels.' });
    expect(request).toMatchObject({ joined: false, request: { circleId: closed.id, userId: reader.userId, note: 'I write slow novels.' } });
    expect(await asked).toMatchObject({ circleId: closed.id, userId: reader.userId });
    expect((await must(reader.socket, 'directory:search', { visibility: 'closed' })).circles[0]!.standing).toBe('requested');
    expect((await must(reader.socket, 'circle:list', {})).map((c) => c.id)).toEqual([open.id]);
    expect((await must(owner.socket, 'directory:requests', { circleId: closed.id })).map((r) => r.userId)).toEqual([reader.userId]);

    const decided = nextEvent(reader.socket, 'directory:decided');
    await must(owner.socket, 'directory:decide', { circleId: closed.id, userId: reader.userId, accept: true });
    expect(await decided).toEqual({ circleId: closed.id, name: 'Quiet Table', accepted: true });
    expect((await must(reader.socket, 'circle:list', {})).map((c) => c.id).sort()).toEqual([open.id, closed.id].sort());
    expect(await must(owner.socket, 'directory:requests', { circleId: closed.id })).toEqual([]);
    expect(await call(owner.socket, 'directory:decide', { circleId: closed.id, userId: reader.userId, accept: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // A moderator declines another writer; they are told and stay out.
    const moderator = await newWriter(url);
    await must(moderator.socket, 'directory:join', { circleId: closed.id });
    await must(owner.socket, 'directory:decide', { circleId: closed.id, userId: moderator.userId, accept: true });
    await must(owner.socket, 'circle:setRole', { circleId: closed.id, userId: moderator.userId, role: 'moderator' });
    const other = await newWriter(url);
    await must(other.socket, 'directory:join', { circleId: closed.id });
    const declined = nextEvent(other.socket, 'directory:decided');
    await must(moderator.socket, 'directory:decide', { circleId: closed.id, userId: other.userId, accept: false });
    expect(await declined).toMatchObject({ accepted: false });
    expect(await must(other.socket, 'circle:list', {})).toEqual([]);

    // Private, or not there at all: the same answer.
    const secret = await call(reader.socket, 'directory:join', { circleId: hidden.id });
    expect(secret).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call(reader.socket, 'directory:join', { circleId: crypto.randomUUID() })).toEqual(secret);
    // The banned cannot come back through the directory.
    await must(owner.socket, 'circle:ban', { circleId: open.id, userId: reader.userId });
    expect(await call(reader.socket, 'directory:join', { circleId: open.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
