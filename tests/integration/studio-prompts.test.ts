import { describe, expect, it } from 'vitest';
import type { LocalDailyPrompt, LocalPrompt, LocalPromptLibrary, PromptLink, PromptResponseShared } from '../../shared/api/prompts';
import type { LocalThreadView } from '../../shared/api/discussions';
import type { DocumentNode, Project } from '../../shared/api/studio-api';
import type { Circle } from '../../shared/protocol/community-events';
import { call, serverOn, studioFor, waitFor } from '../helpers/studio';

describe('prompts from two studios (the circle owner curating, a member writing)', () => {
  it('writing to today’s prompt makes a linked document (offline too); a suggestion made offline is sent later and accepted', async () => {
    const first = await serverOn();
    const owner = await studioFor(first.url, 'prompt_owner');
    const member = await studioFor(first.url, 'prompt_member');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Lunch Break Writers' });
    const { code } = await call<{ code: string }>(owner.core, 'circles.invite', { circleId: circle.id });
    await call(member.core, 'circles.join', { code });
    await call(owner.core, 'discussions.setCategories', { circleId: circle.id, names: ['Prompts'] });
    const added = await call<LocalPrompt>(owner.core, 'prompts.add', { circleId: circle.id, text: 'Write about a key that opens nothing.' });
    expect(added).toMatchObject({ status: 'active', syncState: 'synced' });

    const today = await call<LocalDailyPrompt>(member.core, 'prompts.today', { circleId: circle.id });
    expect(today).toMatchObject({ offline: false, prompt: { id: added.id, text: 'Write about a key that opens nothing.' } });
    expect((await call<LocalDailyPrompt>(owner.core, 'prompts.today', { circleId: circle.id })).prompt!.id).toBe(added.id);
    expect(today.prompt!.threadId).toBeTruthy();

    const project = await call<Project>(member.core, 'projects.create', { title: 'Prompts' });
    // The server goes away: today's prompt still shows, and writing to it works.
    await first.close();
    await waitFor(() => member.core.current('sync:status').state !== 'online', 'the member is offline');
    const offlineToday = await call<LocalDailyPrompt>(member.core, 'prompts.today', { circleId: circle.id });
    expect(offlineToday).toMatchObject({ offline: true, day: today.day, prompt: { id: added.id } });
    const written = await call<{ document: DocumentNode; link: PromptLink }>(member.core, 'prompts.write', { promptId: added.id, projectId: project.id, day: today.day });
    expect(written.document).toMatchObject({ projectId: project.id, title: 'Write about a key that opens nothing.' });
    const tree = await call<DocumentNode[]>(member.core, 'documents.tree', { projectId: project.id });
    expect(tree.map((d) => d.id)).toContain(written.document.id);
    expect(await call<PromptLink>(member.core, 'prompts.forDocument', { documentId: written.document.id })).toMatchObject({ promptId: added.id, text: 'Write about a key that opens nothing.', day: today.day, circleId: circle.id });
    const row = member.core.db.prepare('SELECT prompt_id, text FROM document_prompts WHERE document_id = ?').get(written.document.id);
    expect(row).toEqual({ prompt_id: added.id, text: 'Write about a key that opens nothing.' });
    expect(await call(member.core, 'prompts.forDocument', { documentId: crypto.randomUUID() })).toBeNull();

    // A suggestion made offline waits in the outbox.
    const idea = await call<LocalPrompt>(member.core, 'prompts.suggest', { circleId: circle.id, text: 'The smell of a closed library.' });
    expect(idea).toMatchObject({ status: 'suggested', syncState: 'pending' });
    const offlineLibrary = await call<LocalPromptLibrary>(member.core, 'prompts.library', { circleId: circle.id });
    expect(offlineLibrary).toMatchObject({ offline: true, waiting: [{ id: idea.id, syncState: 'pending' }] });
    const queued = member.core.db.prepare("SELECT count(*) AS n FROM outbox WHERE entity_id = ?").get(idea.id) as { n: number };
    expect(queued.n).toBe(1);

    // Back online: it goes, and the owner accepts it into the library.
    const again = await serverOn(first.dbFile, first.port);
    await waitFor(async () => (await call<LocalPromptLibrary>(member.core, 'prompts.library', { circleId: circle.id })).waiting.length === 0, 'the suggestion was sent', 20_000);
    const onServer = await again.store.db.selectFrom('prompts').select(['status', 'author_id']).where('id', '=', idea.id).executeTakeFirstOrThrow();
    expect(onServer).toEqual({ status: 'suggested', author_id: member.userId });
    // The owner's studio answers from its own copy (offline: true) until it has reconnected.
    await waitFor(async () => {
      const read = await owner.core.call('prompts.library', { circleId: circle.id, status: 'suggested' });
      return read.ok && (read.data as LocalPromptLibrary).offline === false;
    }, 'the owner is back online', 20_000);
    const queue = await call<LocalPromptLibrary>(owner.core, 'prompts.library', { circleId: circle.id, status: 'suggested' });
    expect(queue.prompts.map((p) => p.text)).toEqual(['The smell of a closed library.']);
    await call(owner.core, 'prompts.decide', { promptId: idea.id, accept: true });
    expect((await call<LocalPromptLibrary>(member.core, 'prompts.library', { circleId: circle.id })).prompts.map((p) => p.text)).toEqual(['Write about a key that opens nothing.', 'The smell of a closed library.']);

  }, 90_000);

  it('sharing a response to a circle prompt: a share for light feedback, and a reply in the prompt’s thread that points to it', async () => {
    const server = await serverOn();
    const owner = await studioFor(server.url, 'prompt_host');
    const member = await studioFor(server.url, 'prompt_writer');
    const circle = await call<Circle>(owner.core, 'circles.create', { name: 'Night Owls' });
    const { code } = await call<{ code: string }>(owner.core, 'circles.invite', { circleId: circle.id });
    await call(member.core, 'circles.join', { code });
    const added = await call<LocalPrompt>(owner.core, 'prompts.add', { circleId: circle.id, text: 'Write about a key that opens nothing.' });
    const today = await call<LocalDailyPrompt>(member.core, 'prompts.today', { circleId: circle.id });
    const project = await call<Project>(member.core, 'projects.create', { title: 'Prompts' });
    const written = await call<{ document: DocumentNode; link: PromptLink }>(member.core, 'prompts.write', { promptId: added.id, projectId: project.id, day: today.day });
    // Sharing the response: a share with the circle, and a reply in the prompt's thread.
    await call(member.core, 'documents.save', { id: written.document.id, content: JSON.stringify({ root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text: 'The key was warm.', format: 0, mode: 'normal', style: '', detail: 0 }] }] } }) });
    const shared = await call<PromptResponseShared>(member.core, 'prompts.shareResponse', { documentId: written.document.id });
    expect(shared.postId).toBeTruthy();
    const threadId = today.prompt!.threadId!;
    await waitFor(async () => (await call<LocalThreadView>(member.core, 'discussions.thread', { threadId })).posts.every((p) => p.syncState === 'synced'), 'the reply was sent', 20_000);
    const view = await call<LocalThreadView>(owner.core, 'discussions.thread', { threadId });
    expect(view.posts.map((p) => p.authorName)).toEqual(['prompt_host', 'prompt_writer']);
    expect(view.posts[1]!.body).toContain('Write about a key that opens nothing.');
    await waitFor(async () => !!(await server.store.db.selectFrom('shares').select('id').where('id', '=', shared.shareId).executeTakeFirst()), 'the share reached the server', 20_000);
  }, 60_000);
});
