import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { SyncOp } from '../../../shared/protocol/critique-schemas';
import { anchorAt } from '../../../shared/text/anchor';
import { docJson } from '../../fixtures/lexical';
import { must, newWriter, startCommunity, type ClientSocket } from '../../helpers/community';

const TEXT = ['The lighthouse keeper counted ships.', 'None came that winter.'];
const PLAIN = TEXT.join('\n\n');
const quote = (phrase: string) => anchorAt(PLAIN, PLAIN.indexOf(phrase), PLAIN.indexOf(phrase) + phrase.length);
const hlc = (ms: number) => `${String(ms).padStart(15, '0')}:000000:test`;
const envelope = (op: unknown, opId: string = randomUUID()) => ({ opId, op });
const push = async (socket: ClientSocket, ...ops: { opId: string; op: unknown }[]) => (await must(socket, 'sync:push', { ops })).results;

async function sharedDraft() {
  const community = await startCommunity();
  const author = await newWriter(community.url);
  const reader = await newWriter(community.url);
  const stranger = await newWriter(community.url);
  const circle = await must(author.socket, 'circle:create', { name: 'Keepers' });
  await must(reader.socket, 'circle:join', { code: (await must(author.socket, 'circle:invite', { circleId: circle.id })).code });
  const share = { kind: 'share.publish', shareId: randomUUID(), versionId: randomUUID(), circleId: circle.id, readerIds: [], title: 'Lighthouse', note: '', queue: false, content: docJson(TEXT) } as const;
  expect(await push(author.socket, envelope(share))).toMatchObject([{ ok: true }]);
  const comment = (body: string): SyncOp => ({ kind: 'comment.add', commentId: randomUUID(), shareId: share.shareId, versionId: share.versionId, parentId: null, body, anchor: quote('counted ships') });
  const critique = (): SyncOp => ({ kind: 'critique.submit', critiqueId: randomUUID(), shareId: share.shareId, versionId: share.versionId, worked: 'The winter.', didnt: '', suggestions: '' });
  const stored = async (table: 'comments' | 'critiques') => (await community.store.db.selectFrom(table).select('id').execute()).map((r) => r.id);
  return { ...community, author, reader, stranger, share, comment, critique, stored };
}

describe('sync:push: one operation never fails the batch', () => {
  it('applies the others when the store throws for one operation, answers that one internal with an error id, and applies it on retry', async () => {
    const { store, reader, comment, critique, stored } = await sharedDraft();
    // A real failure from the database itself, for critiques only.
    await sql`CREATE TRIGGER no_critiques BEFORE INSERT ON critiques BEGIN SELECT RAISE(ABORT, 'disk full, say'); END`.execute(store.db);
    const [first, bad, last] = [envelope(comment('Before.')), envelope(critique()), envelope(comment('After.'))];
    const results = await push(reader.socket, first, bad, last);
    expect(results[0]).toEqual({ opId: first.opId, ok: true });
    expect(results[1]).toEqual({ opId: bad.opId, ok: false, error: { code: 'internal', message: expect.stringMatching(/\(error id [0-9a-f]{8}\)/) } });
    expect(results[2]).toEqual({ opId: last.opId, ok: true });
    expect(await stored('comments')).toHaveLength(2);
    expect(await stored('critiques')).toEqual([]);

    // A fault is not the operation's answer: once the store works, the same operation applies.
    await sql`DROP TRIGGER no_critiques`.execute(store.db);
    expect(await push(reader.socket, bad)).toEqual([{ opId: bad.opId, ok: true }]);
    expect(await stored('critiques')).toEqual([(bad.op as { critiqueId: string }).critiqueId]);
  });

  it('fails only the operation whose rows fail the batch write (comments are written together at the end)', async () => {
    const { store, reader, comment, stored } = await sharedDraft();
    await sql`CREATE TRIGGER no_boom BEFORE INSERT ON comments WHEN NEW.body = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(store.db);
    const ops = [envelope(comment('One.')), envelope(comment('boom')), envelope(comment('Three.'))];
    const results = await push(reader.socket, ...ops);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'internal', 'ok']);
    expect(await stored('comments')).toHaveLength(2);
    const feed = await store.db.selectFrom('feed').select('ref_id').where('kind', '=', 'comment').execute();
    expect(feed.map((r) => r.ref_id)).not.toContain((ops[1]!.op as { commentId: string }).commentId);
  });

  it('refuses a malformed operation on its own (invalid_input for its id), and applies the rest', async () => {
    const { reader, comment, stored } = await sharedDraft();
    const good = envelope(comment('Fine.'));
    const malformed = envelope({ kind: 'comment.add', body: 42 });
    const unknownKind = envelope({ kind: 'share.delete', shareId: randomUUID() });
    const results = await push(reader.socket, malformed, good, unknownKind);
    expect(results).toEqual([
      { opId: malformed.opId, ok: false, error: { code: 'invalid_input', message: expect.any(String) } },
      { opId: good.opId, ok: true },
      { opId: unknownKind.opId, ok: false, error: { code: 'invalid_input', message: expect.any(String) } },
    ]);
    expect(await stored('comments')).toHaveLength(1);
  });

  it('refuses a clock stamp more than a minute ahead of the server (clock_ahead), and takes one within it', async () => {
    const { author, reader, comment, store } = await sharedDraft();
    const made = comment('Resolve me.');
    expect(await push(reader.socket, envelope(made))).toMatchObject([{ ok: true }]);
    const id = (made as { commentId: string }).commentId;
    const flag = (ms: number) => envelope({ kind: 'flag.set', target: 'comment', id, flag: 'resolved', value: true, hlc: hlc(ms) });
    const yearAhead = await push(author.socket, flag(Date.now() + 365 * 86_400_000));
    expect(yearAhead).toEqual([{ opId: expect.any(String), ok: false, error: { code: 'clock_ahead', message: expect.stringContaining('ahead') } }]);
    expect(await store.db.selectFrom('comments').select(['resolved', 'resolved_hlc']).where('id', '=', id).executeTakeFirst()).toEqual({ resolved: 0, resolved_hlc: null });
    expect(await push(author.socket, flag(Date.now() + 30_000))).toMatchObject([{ ok: true }]);
  });

  it("keys operation ids by writer: a stranger reusing a member's id gets their own answer", async () => {
    const { reader, stranger, comment, stored } = await sharedDraft();
    const mine = envelope(comment('Mine.'));
    expect(await push(reader.socket, mine)).toEqual([{ opId: mine.opId, ok: true }]);
    // The same id from someone who may not read the share: refused, not told "ok" from the member's memory.
    const theirs = envelope(comment('Copied id.'), mine.opId);
    expect(await push(stranger.socket, theirs)).toEqual([{ opId: mine.opId, ok: false, error: { code: 'not_found', message: expect.any(String) } }]);
    // And the member's own retry still answers from memory, without a second comment.
    expect(await push(reader.socket, mine)).toEqual([{ opId: mine.opId, ok: true }]);
    expect(await stored('comments')).toHaveLength(1);
  });
});
