import { describe, expect, it } from 'vitest';
import type { LocalDailyPrompt, PromptLink, PromptResponseShared } from '../../shared/api/prompts';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { DocumentNode, OutboxStatus, Project } from '../../shared/api/studio-api';
import type { Circle } from '../../shared/protocol/community-events';
import { createAccountsRepo } from '../../server/features/accounts/accounts.repo';
import { must, newWriter } from '../helpers/community';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

const doc = (text: string) =>
  JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text, format: 0, mode: 'normal', style: '', detail: 0 }] }] } });

describe('sharing a response to an open prompt (everyone’s, in no circle)', () => {
  it('goes to the circle the writer picks, with a reply in that circle’s one thread for the prompt; offline it is refused and nothing is queued', async () => {
    const server = await serverOn();
    // A site moderator curates the open library.
    const curator = await newWriter(server.url);
    await createAccountsRepo(server.store.db).setRoles(curator.userId, ['writer', 'moderator']);
    await must(curator.socket, 'account:me', {});
    await must(curator.socket, 'prompt:add', { promptId: crypto.randomUUID(), circleId: null, text: 'A door left open.' });

    const rosa = await studioFor(server.url, 'open_rosa');
    const sami = await studioFor(server.url, 'open_sami');
    const circle = await call<Circle>(rosa.core, 'circles.create', { name: 'Night Owls' });
    const { code } = await call<{ code: string }>(rosa.core, 'circles.invite', { circleId: circle.id });
    await call(sami.core, 'circles.join', { code });

    const respond = async (w: typeof rosa, text: string) => {
      const today = await call<LocalDailyPrompt>(w.core, 'prompts.today', { circleId: null });
      expect(today.prompt).toMatchObject({ circleId: null, text: 'A door left open.', threadId: null });
      const project = await call<Project>(w.core, 'projects.create', { title: 'Prompts' });
      const written = await call<{ document: DocumentNode; link: PromptLink }>(w.core, 'prompts.write', { promptId: today.prompt!.id, projectId: project.id, day: today.day });
      await call(w.core, 'documents.save', { id: written.document.id, content: doc(text) });
      return written.document.id;
    };
    const rosaDoc = await respond(rosa, 'The door swung in the wind.');
    const samiDoc = await respond(sami, 'Nobody closed it.');

    // No circle chosen: refused, with what to do.
    expect(await rosa.core.call('prompts.shareResponse', { documentId: rosaDoc })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Choose one of your circles') } });
    // A circle the writer is not in: refused as one that does not exist, and nothing shared.
    expect(await rosa.core.call('prompts.shareResponse', { documentId: rosaDoc, circleId: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const fromRosa = await call<PromptResponseShared>(rosa.core, 'prompts.shareResponse', { documentId: rosaDoc, circleId: circle.id });
    const fromSami = await call<PromptResponseShared>(sami.core, 'prompts.shareResponse', { documentId: samiDoc, circleId: circle.id });
    expect(fromRosa).toMatchObject({ circleId: circle.id, postId: expect.any(String), threadId: expect.any(String) });
    // One thread for the prompt in the circle, whoever shares.
    expect(fromSami.threadId).toBe(fromRosa.threadId);
    const threadId = fromRosa.threadId!;
    for (const w of [rosa, sami]) await waitFor(async () => (await call<OutboxStatus>(w.core, 'sync.outbox')).pending === 0, `${w.name}'s share and reply were sent`, 20_000);

    const view = await call<LocalThreadView>(rosa.core, 'discussions.thread', { threadId });
    expect(view.thread).toMatchObject({ circleId: circle.id, title: 'Open prompt: A door left open.' });
    expect(view.posts.map((p) => [p.authorName, p.body.slice(0, 40)])).toEqual([
      ['open_rosa', 'A door left open.'],
      ['open_rosa', expect.stringContaining('I wrote to this prompt')],
      ['open_sami', expect.stringContaining('I wrote to this prompt')],
    ]);
    const shares = await server.store.db.selectFrom('shares').select(['id', 'circle_id']).orderBy('id').execute();
    expect(shares).toEqual([fromRosa.shareId, fromSami.shareId].sort().map((id) => ({ id, circle_id: circle.id })));

    // Offline, the thread cannot be opened: the writer is told, and no share waits in the outbox.
    await server.close();
    await waitFor(() => sami.core.current('sync:status').state !== 'online', 'the studio noticed the server is gone');
    const offline = await sami.core.call('prompts.shareResponse', { documentId: samiDoc, circleId: circle.id });
    expect(offline).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('Nothing was shared') } });
    expect((await call<OutboxStatus>(sami.core, 'sync.outbox')).pending).toBe(0);
  }, 60_000);
});
