import { describe, expect, it } from 'vitest';
import { createAccountsRepo } from '../../../server/features/accounts/accounts.repo';
import { promptThreadId } from '../../../server/features/prompts/prompts.handlers';
import { PROMPT_LIMITS } from '../../../shared/rules/prompts';
import { call, must, newWriter, nextEvent, startCommunity, type StoreKind } from '../../helpers/community';

/** A server whose clock the test moves, a circle with an owner, a moderator and two members, and a site moderator. */
async function world(kind: StoreKind) {
  const clock = { now: new Date('2026-11-24T10:00:00Z') };
  // The server's clock moves a millisecond each time it is read, so what is added in turn has its order.
  let ticks = 0;
  const { url, store } = await startCommunity(kind, { limits: { burst: 1000, perSecond: 1000 }, now: () => new Date(clock.now.getTime() + ++ticks) });
  const suffix = () => Math.random().toString(36).slice(2, 8);
  const owner = await newWriter(url, `owner_${suffix()}`);
  const circle = await must(owner.socket, 'circle:create', { name: 'Porch' });
  const { code } = await must(owner.socket, 'circle:invite', { circleId: circle.id });
  const [mod, ann, bo] = [await newWriter(url, `mod_${suffix()}`), await newWriter(url, `ann_${suffix()}`), await newWriter(url, `bo_${suffix()}`)];
  for (const w of [mod, ann, bo]) await must(w.socket, 'circle:join', { code });
  await must(owner.socket, 'circle:setRole', { circleId: circle.id, userId: mod.userId, role: 'moderator' });
  const site = await newWriter(url, `site_${suffix()}`);
  await createAccountsRepo(store.db).setRoles(site.userId, ['writer', 'moderator']);
  const stranger = await newWriter(url, `stranger_${suffix()}`);
  return { url, store, clock, owner, mod, ann, bo, site, stranger, circle };
}
const add = (circleId: string | null, text: string) => ({ promptId: crypto.randomUUID(), circleId, text });

describe.each(['sqlite', 'postgres'] as const)('prompts (%s)', (kind) => {
  it('moderators curate the library: add (a resend answered as before), edit, retire and bring back', async () => {
    const { mod, owner, ann, circle, store } = await world(kind);
    const changed = nextEvent(ann.socket, 'prompt:changed');
    const input = add(circle.id, 'A letter never sent.');
    const added = await must(mod.socket, 'prompt:add', input);
    expect(added).toMatchObject({ id: input.promptId, circleId: circle.id, text: 'A letter never sent.', status: 'active', authorId: mod.userId, threadId: null });
    expect(await changed).toEqual({ circleId: circle.id });
    expect((await must(mod.socket, 'prompt:add', input)).id).toBe(input.promptId);
    expect(await call(owner.socket, 'prompt:add', { ...input, text: 'Hijack' })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await must(owner.socket, 'prompt:edit', { promptId: input.promptId, text: '  A letter you never sent.  ' })).toMatchObject({ text: 'A letter you never sent.' });
    await must(owner.socket, 'prompt:add', add(circle.id, 'The smell of rain.'));
    expect((await must(ann.socket, 'prompt:library', { circleId: circle.id })).prompts.map((p) => p.text)).toEqual(['A letter you never sent.', 'The smell of rain.']);
    await must(mod.socket, 'prompt:retire', { promptId: input.promptId, retired: true });
    expect((await must(ann.socket, 'prompt:library', { circleId: circle.id })).prompts.map((p) => p.text)).toEqual(['The smell of rain.']);
    expect((await must(mod.socket, 'prompt:library', { circleId: circle.id, status: 'retired' })).prompts.map((p) => p.id)).toEqual([input.promptId]);
    await must(mod.socket, 'prompt:retire', { promptId: input.promptId, retired: false });
    const row = await store.db.selectFrom('prompts').select(['status', 'text', 'scope']).where('id', '=', input.promptId).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', text: 'A letter you never sent.', scope: circle.id });
  });

  it('members suggest; a moderator accepts into the library or declines; waiting suggestions are limited', async () => {
    const { mod, ann, bo, circle, clock } = await world(kind);
    const s1 = add(circle.id, 'Write the room you grew up in.');
    const suggested = await must(ann.socket, 'prompt:suggest', s1);
    expect(suggested).toMatchObject({ status: 'suggested', authorId: ann.userId });
    expect((await must(ann.socket, 'prompt:suggest', s1)).status).toBe('suggested'); // the outbox sent it again
    expect(await call(bo.socket, 'prompt:suggest', { ...s1, text: 'Mine now' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    clock.now = new Date(clock.now.getTime() + 1000);
    const s2 = await must(bo.socket, 'prompt:suggest', add(circle.id, 'Nothing happens.'));
    // Members do not see the queue; moderators do.
    expect(await call(ann.socket, 'prompt:library', { circleId: circle.id, status: 'suggested' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must(mod.socket, 'prompt:library', { circleId: circle.id, status: 'suggested' })).prompts.map((p) => p.id)).toEqual([s1.promptId, s2.id]);
    expect((await must(mod.socket, 'prompt:decide', { promptId: s1.promptId, accept: true })).status).toBe('active');
    expect((await must(mod.socket, 'prompt:decide', { promptId: s2.id, accept: false })).status).toBe('declined');
    expect(await call(mod.socket, 'prompt:decide', { promptId: s2.id, accept: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await must(bo.socket, 'prompt:library', { circleId: circle.id })).prompts.map((p) => p.text)).toEqual(['Write the room you grew up in.']);
    expect(await call(mod.socket, 'prompt:retire', { promptId: s2.id, retired: false })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    for (let i = 0; i < PROMPT_LIMITS.pendingSuggestions; i++) await must(bo.socket, 'prompt:suggest', add(circle.id, `Idea ${i}`));
    expect(await call(bo.socket, 'prompt:suggest', add(circle.id, 'One too many'))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('the daily prompt is the same for every member, gets its thread, and changes the next day without repeats', async () => {
    const { mod, owner, ann, bo, circle, clock, store } = await world(kind);
    const cats = await must(owner.socket, 'discussion:setCategories', { circleId: circle.id, names: ['Prompts', 'Craft'] });
    expect((await must(ann.socket, 'prompt:today', { circleId: circle.id })).prompt).toBeNull();
    const texts = ['One', 'Two', 'Three', 'Four'];
    for (const text of texts) await must(mod.socket, 'prompt:add', add(circle.id, text));

    const seen: string[] = [];
    for (let d = 0; d < 4; d++) {
      const a = await must(ann.socket, 'prompt:today', { circleId: circle.id });
      const b = await must(bo.socket, 'prompt:today', { circleId: circle.id });
      expect(b).toEqual(a);
      expect(a.day).toBe(clock.now.toISOString().slice(0, 10));
      seen.push(a.prompt!.text);
      // Its thread is in the circle's first category, one thread however many asked.
      expect(a.prompt!.threadId).toBe(promptThreadId(a.prompt!.id));
      const thread = await must(bo.socket, 'discussion:thread', { threadId: a.prompt!.threadId! });
      expect(thread.thread.categoryId).toBe(cats[0]!.id);
      expect(thread.posts.map((p) => p.body)).toEqual([a.prompt!.text]);
      clock.now = new Date(clock.now.getTime() + 86_400_000);
    }
    expect([...seen].sort()).toEqual([...texts].sort()); // four days, four different prompts
    const threads = await store.db.selectFrom('discussion_threads').select('id').where('circle_id', '=', circle.id).execute();
    expect(threads).toHaveLength(4);
    const days = await store.db.selectFrom('prompt_days').select(['day', 'prompt_id']).where('scope', '=', circle.id).orderBy('day').execute();
    expect(days.map((d) => d.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    // Adding a prompt during the day does not change today's.
    const today = await must(ann.socket, 'prompt:today', { circleId: circle.id });
    await must(mod.socket, 'prompt:add', add(circle.id, 'Five'));
    expect((await must(bo.socket, 'prompt:today', { circleId: circle.id })).prompt!.id).toBe(today.prompt!.id);
  });

  it('a circle with a time zone turns its day at its own midnight', async () => {
    const { owner, mod, ann, circle, clock } = await world(kind);
    await must(owner.socket, 'directory:setListing', { circleId: circle.id, visibility: 'private', timeZone: 'Pacific/Auckland' });
    await must(mod.socket, 'prompt:add', add(circle.id, 'Kia ora'));
    clock.now = new Date('2026-11-24T12:30:00Z'); // 01:30 on the 25th in Auckland
    expect((await must(ann.socket, 'prompt:today', { circleId: circle.id })).day).toBe('2026-11-25');
  });

  it('the open library: site moderators curate, every writer reads and suggests; circle roles do not count', async () => {
    const { site, owner, ann, stranger } = await world(kind);
    expect(await call(owner.socket, 'prompt:add', add(null, 'Owner of a circle, not of the site'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const open = await must(site.socket, 'prompt:add', add(null, 'A door that should not be opened.'));
    expect(open.circleId).toBeNull();
    const a = await must(stranger.socket, 'prompt:today', { circleId: null });
    expect(a.prompt).toMatchObject({ id: open.id, threadId: null });
    expect(await must(ann.socket, 'prompt:today', { circleId: null })).toEqual(a);
    const idea = await must(stranger.socket, 'prompt:suggest', add(null, 'The last bus home.'));
    expect(await call(ann.socket, 'prompt:decide', { promptId: idea.id, accept: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await must(site.socket, 'prompt:decide', { promptId: idea.id, accept: true })).status).toBe('active');
    expect((await must(ann.socket, 'prompt:library', { circleId: null })).prompts.map((p) => p.text)).toEqual(['A door that should not be opened.', 'The last bus home.']);
  });

  it('pages a library by keyset', async () => {
    const { mod, ann, circle, clock } = await world(kind);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.now = new Date(clock.now.getTime() + 1000);
      ids.push((await must(mod.socket, 'prompt:add', add(circle.id, `P${i}`))).id);
    }
    const first = await must(ann.socket, 'prompt:library', { circleId: circle.id, limit: 2 });
    expect(first.prompts.map((p) => p.id)).toEqual(ids.slice(0, 2));
    const second = await must(ann.socket, 'prompt:library', { circleId: circle.id, limit: 2, after: first.next });
    const third = await must(ann.socket, 'prompt:library', { circleId: circle.id, limit: 2, after: second.next });
    expect([...second.prompts, ...third.prompts].map((p) => p.id)).toEqual(ids.slice(2));
    expect(third.next).toBeNull();
  });
});
