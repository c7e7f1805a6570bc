import { describe, expect, it } from 'vitest';
import { call, connect, must, newWriter, nextEvent, startCommunity, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) describe.skipIf(kind === 'postgres' && !pg)(`community server on ${kind}: circles`, () => {
  it('creates a private circle, invites by code, joins, lists members, leaves', async () => {
    const { url } = await startCommunity(kind);
    const owner = await newWriter(url);
    const circle = await must(owner.socket, 'circle:create', { name: 'Night Owls', description: 'We write after the kids sleep.' });
    expect(circle).toMatchObject({ name: 'Night Owls', visibility: 'private', role: 'owner', memberCount: 1 });

    const invite = await must(owner.socket, 'circle:invite', { circleId: circle.id });
    expect(invite.code).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // The invite names its server, in both forms: a margin:// link and an https one to paste into a chat.
    const host = new URL(url).host;
    expect(invite).toMatchObject({ server: url, link: `margin://join/${encodeURIComponent(url)}/${invite.code}`, web: `${url}/join/${invite.code}` });
    const page = await fetch(invite.web);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain(`href="margin://join/${encodeURIComponent(`http://${host}`)}/${invite.code}"`);
    expect(html).not.toMatch(/<script/i);
    expect((await fetch(`${url}/join/${'<b>x</b>'}`)).status).toBe(404);

    const joiner = await newWriter(url);
    // A stranger sees nothing of the circle before joining.
    expect(await call(joiner.socket, 'circle:members', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const joinedEvent = nextEvent(owner.socket, 'circle:memberJoined');
    const joined = await must(joiner.socket, 'circle:join', { code: invite.code });
    expect(joined).toMatchObject({ id: circle.id, role: 'member', memberCount: 2 });
    expect(await joinedEvent).toMatchObject({ circleId: circle.id, member: { userId: joiner.userId, role: 'member' } });
    // Joining twice is harmless, whichever form of the invite is used.
    for (const form of [invite.code, invite.link, invite.web, `margin://join/${invite.code}`]) expect((await must(joiner.socket, 'circle:join', { code: form })).memberCount).toBe(2);

    const members = await must(joiner.socket, 'circle:members', { circleId: circle.id });
    expect(members.map((m) => [m.username, m.role])).toEqual([
      [owner.username, 'owner'],
      [joiner.username, 'member'],
    ]);
    expect((await must(joiner.socket, 'circle:list', {})).map((c) => c.name)).toEqual(['Night Owls']);

    const left = nextEvent(owner.socket, 'circle:memberLeft');
    await must(joiner.socket, 'circle:leave', { circleId: circle.id });
    expect(await left).toEqual({ circleId: circle.id, userId: joiner.userId });
    expect(await must(joiner.socket, 'circle:list', {})).toEqual([]);
    expect(await call(owner.socket, 'circle:leave', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('gives roles: the owner makes a moderator, who may invite and ban members but not the owner', async () => {
    const { url } = await startCommunity(kind);
    const owner = await newWriter(url);
    const circle = await must(owner.socket, 'circle:create', { name: 'Poets' });
    const { code, link } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
    const mod = await newWriter(url);
    const member = await newWriter(url);
    await must(mod.socket, 'circle:join', { code });
    await must(member.socket, 'circle:join', { code: link }); // the link works as well as the code

    expect(await call(member.socket, 'circle:invite', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await must(owner.socket, 'circle:setRole', { circleId: circle.id, userId: mod.userId, role: 'moderator' })).toMatchObject({ role: 'moderator' });
    expect((await must(mod.socket, 'circle:invite', { circleId: circle.id })).circleId).toBe(circle.id);
    expect(await call(mod.socket, 'circle:ban', { circleId: circle.id, userId: owner.userId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await must(mod.socket, 'circle:ban', { circleId: circle.id, userId: member.userId });
    expect(await call(member.socket, 'circle:members', { circleId: circle.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(member.socket, 'circle:join', { code })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must(owner.socket, 'circle:members', { circleId: circle.id })).map((m) => m.role)).toEqual(['owner', 'moderator']);
  });

  it('keeps accounts and sessions across a restart of the server on the same store', async () => {
    const first = await startCommunity(kind);
    const writer = await newWriter(first.url);
    await must(writer.socket, 'circle:create', { name: 'Persisted' });
    const again = await connect(first.url, writer.session.token);
    expect((await must(again, 'circle:list', {})).map((c) => c.name)).toEqual(['Persisted']);
  });
});
