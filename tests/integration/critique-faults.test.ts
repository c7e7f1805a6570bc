import { describe, expect, it } from 'vitest';
import type { LocalShare, ShareView } from '../../shared/api/studio-api';
import { anchorAt } from '../../shared/text/anchor';
import { docJson } from '../fixtures/lexical';
import { faultProxy } from '../helpers/fault-proxy';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const PARAGRAPHS = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of the draft, where the river bends for the ${i}th time.`);
const PLAIN = PARAGRAPHS.join('\n\n');
const anchorFor = (i: number) => {
  const start = PLAIN.indexOf(PARAGRAPHS[i]!);
  return anchorAt(PLAIN, start, start + PARAGRAPHS[i]!.length);
};

async function circleWithShare(url: string, names: string[]) {
  const studios = [];
  for (const name of names) studios.push(await studioFor(url, name));
  const [author, ...readers] = studios;
  const circle = await call(author!.core, 'circles.create', { name: 'Fault-tolerant friends' });
  const invite = await call(author!.core, 'circles.invite', { circleId: circle.id });
  for (const r of readers) await call(r.core, 'circles.join', { code: invite.code });
  const project = await call(author!.core, 'projects.create', { title: 'River' });
  const doc = await call(author!.core, 'documents.create', { projectId: project.id, title: 'One' });
  await call(author!.core, 'documents.save', { id: doc.id, content: docJson(PARAGRAPHS) });
  const share = await call<LocalShare>(author!.core, 'shares.publish', { documentIds: [doc.id], circleId: circle.id, title: 'River' });
  for (const r of readers) {
    await waitFor(async () => (await call<LocalShare[]>(r.core, 'shares.list')).some((s) => s.versions.length === 1), `${r.name} has the draft`);
  }
  return { studios, author: author!, readers, share, versionId: share.versions[0]!.id };
}

describe('sync under faults (loopback proxy)', () => {
  it('a connection dropped after each send and before its acknowledgement loses nothing and doubles nothing', async () => {
    const server = await serverOn();
    const proxy = await faultProxy(server.port);
    const { readers, share, versionId } = await circleWithShare(proxy.url, ['dora_author', 'drew_reader']);
    const reader = readers[0]!;
    const ROUNDS = 15;
    const made: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await waitFor(() => reader.core.current('sync:status').state === 'online', 'the reader is online');
      const before = (await server.store.db.selectFrom('comments').select('id').execute()).length;
      proxy.cutAfterNextRequest(1);
      for (let k = 0; k < 2; k++) {
        const c = await call(reader.core, 'comments.add', { shareId: share.id, versionId, body: `Round ${round}, note ${k}`, anchor: anchorFor((round + k) % 12) });
        made.push(c.id);
      }
      await waitFor(() => proxy.armed === 0, 'the push was cut');
      // The server applied at least the first of them, though the reader never heard so.
      await waitFor(async () => (await server.store.db.selectFrom('comments').select('id').execute()).length > before, 'the server applied the cut push');
      await waitFor(async () => (await call(reader.core, 'sync.outbox')).pending === 0, 'the reader’s outbox drains after reconnecting');
    }
    expect(proxy.cuts).toBeGreaterThanOrEqual(ROUNDS);
    const onServer = (await server.store.db.selectFrom('comments').select('id').execute()).map((r) => r.id);
    expect(onServer).toHaveLength(made.length);
    expect(new Set(onServer)).toEqual(new Set(made));
    const local = await call<ShareView>(reader.core, 'shares.open', { shareId: share.id });
    expect(local.threads.every((t) => t.root.syncState === 'synced')).toBe(true);
    expect(local.threads).toHaveLength(made.length);
  });

  it('three studios exchanging comments, replies and resolutions through random disconnects converge', async () => {
    const server = await serverOn();
    const proxy = await faultProxy(server.port);
    const { studios, author, readers, share, versionId } = await circleWithShare(proxy.url, ['fay_author', 'gus_reader', 'hal_reader']);
    proxy.randomCuts({ minMs: 80, maxMs: 600 });
    const chaosUntil = Date.now() + 5000;
    const roots: string[] = [];
    let step = 0;
    // Bounded: a fixed number of steps within five seconds of chaos.
    while (Date.now() < chaosUntil && step < 60) {
      const reader = readers[step % readers.length]!;
      const root = await call(reader.core, 'comments.add', { shareId: share.id, versionId, body: `Note ${step}`, anchor: anchorFor(step % 12) });
      roots.push(root.id);
      const replier = studios[(step + 1) % studios.length]!;
      const visible = await call<ShareView>(replier.core, 'shares.open', { shareId: share.id });
      const target = visible.threads.at(-1);
      if (target) await call(replier.core, 'comments.add', { shareId: share.id, versionId, parentId: target.root.id, body: `Reply ${step}` });
      const authorSees = (await call<ShareView>(author.core, 'shares.open', { shareId: share.id })).threads.at(-1);
      if (step % 3 === 0 && authorSees) await call(author.core, 'comments.setFlag', { target: 'comment', id: authorSees.root.id, flag: 'resolved', value: step % 2 === 0 });
      step++;
      await new Promise((r) => setTimeout(r, 50));
    }
    proxy.randomCuts(null);
    const serverState = async () =>
      (await server.store.db.selectFrom('comments').select(['id', 'parent_id', 'resolved']).orderBy('id').execute()).map((r) => `${r.id}:${r.parent_id}:${r.resolved}`);
    const localState = async (core: (typeof studios)[number]['core']) => {
      const view = await call<ShareView>(core, 'shares.open', { shareId: share.id });
      return [...view.threads, ...view.detached]
        .flatMap((t) => [t.root, ...t.replies])
        .map((c) => `${c.id}:${c.parentId}:${c.resolved ? 1 : 0}`)
        .sort();
    };
    await waitFor(
      async () => {
        for (const s of studios) if ((await call(s.core, 'sync.outbox')).pending > 0) return false;
        const expected = await serverState();
        for (const s of studios) if ((await localState(s.core)).join() !== expected.join()) return false;
        return true;
      },
      'all three studios and the server agree',
      30_000,
    );
    const final = await serverState();
    expect(proxy.cuts).toBeGreaterThan(3);
    expect(final.filter((r) => r.split(':')[1] === 'null')).toHaveLength(roots.length);
    expect(new Set(final.map((r) => r.split(':')[0])).size).toBe(final.length);
  });
});
