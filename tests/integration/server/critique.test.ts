import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SyncOp } from '../../../shared/protocol/critique-schemas';
import { anchorAt } from '../../../shared/text/anchor';
import { docJson } from '../../fixtures/lexical';
import { HOSTILE_PAYLOADS } from '../../fixtures/hostile';
import { call, must, newWriter, nextEvent, startCommunity, type ClientSocket, type StoreKind } from '../../helpers/community';
import { serviceAvailable } from '../../helpers/services';

const pg = await serviceAvailable('PostgreSQL');
const TEXT = ['The harbour was quiet before the storm.', 'Nobody on the quay had seen the boat leave.'];
const PLAIN = TEXT.join('\n\n');
const quoteOf = (phrase: string) => anchorAt(PLAIN, PLAIN.indexOf(phrase), PLAIN.indexOf(phrase) + phrase.length);
const hlc = (ms: number) => `${String(ms).padStart(15, '0')}:000000:test`;

const push = async (socket: ClientSocket, ...ops: SyncOp[]) => (await must(socket, 'sync:push', { ops: ops.map((op) => ({ opId: randomUUID(), op })) })).results;
const pushOne = async (socket: ClientSocket, op: SyncOp) => (await push(socket, op))[0]!;
const pullAll = async (socket: ClientSocket) => (await must(socket, 'sync:pull', { after: 0 })).items;

async function circleOf(kind: StoreKind) {
  const { url, store } = await startCommunity(kind);
  const author = await newWriter(url);
  const reader = await newWriter(url);
  const outsider = await newWriter(url);
  const banned = await newWriter(url);
  const circle = await must(author.socket, 'circle:create', { name: 'Harbour writers' });
  const { code } = await must(author.socket, 'circle:invite', { circleId: circle.id });
  for (const w of [reader, banned]) await must(w.socket, 'circle:join', { code });
  await must(author.socket, 'circle:ban', { circleId: circle.id, userId: banned.userId });
  const share = { kind: 'share.publish' as const, shareId: randomUUID(), versionId: randomUUID(), circleId: circle.id, readerIds: [], title: 'Harbour', note: '', queue: false, content: docJson(TEXT) };
  expect(await pushOne(author.socket, share)).toMatchObject({ ok: true });
  return { url, store, author, reader, outsider, banned, circle, share };
}

for (const kind of ['sqlite', 'postgres'] as StoreKind[]) describe.skipIf(kind === 'postgres' && !pg)(`community server on ${kind}: critique`, () => {
  it('delivers a share to its circle only, pushes feed changes live, and applies an operation id once', async () => {
    const { author, reader, outsider, banned, share } = await circleOf(kind);
    const items = (await pullAll(reader.socket)).filter((i) => i.kind !== 'credit');
    expect(items.map((i) => i.kind)).toEqual(['share', 'version']);
    expect(items[1]).toMatchObject({ kind: 'version', version: { number: 1, shareId: share.shareId } });
    expect(await pullAll(outsider.socket)).toEqual([]);
    // The banned writer kept the welcome credits from joining, and nothing else.
    expect((await pullAll(banned.socket)).map((i) => i.kind)).toEqual(['credit']);

    const live = nextEvent(author.socket, 'feed:changed');
    const comment = { kind: 'comment.add' as const, commentId: randomUUID(), shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Quiet how?', anchor: quoteOf('quiet before the storm') };
    const envelope = { opId: randomUUID(), op: comment };
    expect((await must(reader.socket, 'sync:push', { ops: [envelope] })).results).toEqual([{ opId: envelope.opId, ok: true }]);
    expect((await live).seq).toBeGreaterThan(0);
    // The same operation again (its acknowledgement was lost): the same answer, no second comment.
    expect((await must(reader.socket, 'sync:push', { ops: [envelope, envelope] })).results).toEqual([
      { opId: envelope.opId, ok: true },
      { opId: envelope.opId, ok: true },
    ]);
    const comments = (await pullAll(author.socket)).filter((i) => i.kind === 'comment');
    expect(comments).toHaveLength(1);

    for (const stranger of [outsider, banned]) {
      expect(await pushOne(stranger.socket, { ...comment, commentId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    // The same refusal for a share that does not exist: nothing learnt by guessing ids.
    expect(await pushOne(outsider.socket, { ...comment, commentId: randomUUID(), shareId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('gives a writer who joins the circle later its live shares, with their discussion, but not private or revoked ones', async () => {
    const { url, author, reader, circle, share } = await circleOf(kind);
    const commentId = randomUUID();
    await pushOne(reader.socket, { kind: 'comment.add', commentId, shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Lovely.', anchor: quoteOf('quiet before the storm') });
    const privateShare = { ...share, shareId: randomUUID(), versionId: randomUUID(), readerIds: [reader.userId] };
    const revoked = { ...share, shareId: randomUUID(), versionId: randomUUID() };
    await push(author.socket, privateShare, revoked, { kind: 'share.revoke', shareId: revoked.shareId });

    const late = await newWriter(url);
    const { code } = await must(author.socket, 'circle:invite', { circleId: circle.id });
    const told = nextEvent(late.socket, 'feed:changed');
    await must(late.socket, 'circle:join', { code });
    expect((await told).seq).toBeGreaterThan(0);
    const items = await pullAll(late.socket);
    expect(items.map((i) => i.kind)).toEqual(['credit', 'share', 'version', 'comment']);
    expect(items[0]).toMatchObject({ entry: { reason: 'welcome', delta: 3 } });
    expect(items[1]).toMatchObject({ share: { id: share.shareId } });
    expect(items[3]).toMatchObject({ comment: { id: commentId, body: 'Lovely.' } });
  });

  it('enforces who may resolve, thank, update and revoke; flags are last-writer-wins on the clock', async () => {
    const { author, reader, share, circle } = await circleOf(kind);
    const commentId = randomUUID();
    await pushOne(reader.socket, { kind: 'comment.add', commentId, shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'Who saw it?', anchor: quoteOf('Nobody on the quay') });
    expect(await pushOne(reader.socket, { kind: 'comment.add', commentId: randomUUID(), shareId: share.shareId, versionId: share.versionId, parentId: null, body: 'x', anchor: { ...quoteOf('Nobody on the quay'), start: 3 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const flag = (value: boolean, at: number) => ({ kind: 'flag.set' as const, target: 'comment' as const, id: commentId, flag: 'resolved' as const, value, hlc: hlc(at) });
    expect(await pushOne(author.socket, flag(true, 2000))).toMatchObject({ ok: true });
    expect(await pushOne(reader.socket, flag(false, 1000))).toMatchObject({ ok: true }); // older: ignored
    const resolved = (await pullAll(reader.socket)).filter((i) => i.kind === 'comment').at(-1);
    expect(resolved).toMatchObject({ comment: { resolved: true, resolvedHlc: hlc(2000) } });

    expect(await pushOne(reader.socket, { ...flag(true, 3000), flag: 'helpful' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await pushOne(author.socket, { ...flag(true, 3000), flag: 'helpful' })).toMatchObject({ ok: true });
    expect(await pushOne(reader.socket, { ...share, versionId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(reader.socket, 'credits:setRules', { circleId: circle.id, rules: { postCost: 0 } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // A new version keeps the old comment on version 1; revoking stops the reader at once.
    expect(await pushOne(author.socket, { ...share, versionId: randomUUID(), content: docJson([...TEXT, 'A third line.']) })).toMatchObject({ ok: true });
    expect((await pullAll(reader.socket)).filter((i) => i.kind === 'version').map((i) => (i as { version: { number: number } }).version.number)).toEqual([1, 2]);
    expect(await pushOne(author.socket, { kind: 'share.revoke', shareId: share.shareId })).toMatchObject({ ok: true });
    const after = await pullAll(reader.socket);
    expect(after.filter((i) => i.kind === 'version' || i.kind === 'comment')).toEqual([]);
    expect(after.find((i) => i.kind === 'share')).toMatchObject({ share: { revoked: true, versions: [] } });
    expect(await pushOne(reader.socket, { kind: 'comment.add', commentId: randomUUID(), shareId: share.shareId, versionId: share.versionId, parentId: commentId, body: 'Too late?', anchor: null })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('keeps a credits ledger that never goes negative, with each award made once', async () => {
    const { author, reader, circle, share } = await circleOf(kind);
    expect(await must(author.socket, 'credits:setRules', { circleId: circle.id, rules: { critiqueMinWords: 5, postCost: 2 } })).toMatchObject({ postCost: 2, critiqueMinWords: 5, welcome: 3 });
    const queued = { ...share, shareId: randomUUID(), versionId: randomUUID(), queue: true };
    expect(await pushOne(author.socket, queued)).toMatchObject({ ok: true });
    expect(await pushOne(author.socket, { ...queued, shareId: randomUUID(), versionId: randomUUID() })).toMatchObject({ ok: false, error: { code: 'insufficient_credits' } });
    const critique = { kind: 'critique.submit' as const, critiqueId: randomUUID(), shareId: queued.shareId, versionId: queued.versionId, worked: 'The opening line lands hard.', didnt: 'The middle drags.', suggestions: 'Cut the quay.' };
    expect(await pushOne(reader.socket, critique)).toMatchObject({ ok: true });
    expect(await pushOne(reader.socket, { ...critique, critiqueId: randomUUID(), worked: 'Revised: the opening line lands.' })).toMatchObject({ ok: true }); // revises, earns nothing more
    expect(await pushOne(author.socket, { kind: 'critique.submit', critiqueId: randomUUID(), shareId: queued.shareId, versionId: queued.versionId, worked: 'mine', didnt: '', suggestions: '' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const credits = (socket: ClientSocket) => pullAll(socket).then((items) => items.flatMap((i) => (i.kind === 'credit' ? [[i.entry.reason, i.entry.delta, i.entry.balanceAfter]] : [])));
    expect(await credits(author.socket)).toEqual([
      ['welcome', 3, 3],
      ['post', -2, 1],
    ]);
    expect(await credits(reader.socket)).toEqual([
      ['welcome', 3, 3],
      ['critique', 1, 4],
    ]);
    const critiques = (await pullAll(author.socket)).filter((i) => i.kind === 'critique');
    expect(critiques.at(-1)).toMatchObject({ critique: { worked: 'Revised: the opening line lands.' } });
  });

  it.each(HOSTILE_PAYLOADS.filter((p) => p.refused).slice(0, 8))('refuses a shared draft with $name', async ({ json }) => {
    const { author, circle } = await circleOf(kind);
    const result = await pushOne(author.socket, { kind: 'share.publish', shareId: randomUUID(), versionId: randomUUID(), circleId: circle.id, readerIds: [], title: 'x', note: '', queue: false, content: json });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_content' } });
  });
});
