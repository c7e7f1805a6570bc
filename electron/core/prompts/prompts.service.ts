import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { PromptLink, PromptsStudioOutputs } from '../../../shared/api/prompts';
import { StudioError, type Result } from '../../../shared/api/result';
import type { DocumentNode, LocalShare } from '../../../shared/api/studio-api';
import type { LocalPost, LocalThreadView } from '../../../shared/api/discussions';
import { promptDay } from '../../../shared/rules/prompts';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { Sync } from '../sync/sync';
import { registerPromptsOps, type SuggestOp } from './prompts.ops';
import { createPromptsStore } from './prompts.store';

type Method = keyof PromptsStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<PromptsStudioOutputs[M]> | PromptsStudioOutputs[M] };

export interface PromptsDeps {
  db: Database;
  clock: Clock;
  community: Pick<CommunityClient, 'request' | 'onServer'>;
  sync: Pick<Sync, 'kinds' | 'outbox' | 'owner' | 'requireOwner' | 'changed'>;
  documents: {
    create(projectId: string, parentId: string | null, title: string): DocumentNode;
    get(id: string): DocumentNode;
  };
  /** Share-for-critique (electron/core/critique): a response shared with the prompt's circle. */
  publish(input: { documentIds: string[]; circleId: string; title: string; note: string }): LocalShare;
  /** Discussions: the prompt's thread read (so it is known here) and a reply in it. */
  thread(threadId: string): Promise<LocalThreadView>;
  reply(threadId: string, body: string): Promise<LocalPost>;
  onChanged(circleId: string | null): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};
/** The server's answer, or null when it cannot be reached (then this studio's copy answers). */
const orOffline = <T>(result: Result<T>): T | null => (!result.ok && result.error.code === 'unavailable' ? null : orThrow(result));
/** A document's title from its prompt: its first words. */
const titleFor = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= 60 ? flat : `${flat.slice(0, flat.lastIndexOf(' ', 59) > 20 ? flat.lastIndexOf(' ', 59) : 59)}…`;
};

/**
 * Prompts in the studio: today's prompt and the library are read from the server when it can be
 * reached and kept, so they show offline; a suggestion is written here with its outbox operation
 * in one transaction; writing to a prompt makes a document linked to it, offline too.
 */
export function createPrompts({ db, clock, community, sync, documents, publish, thread, reply, onChanged }: PromptsDeps) {
  const store = createPromptsStore(db);
  const owner = () => sync.owner()?.id ?? null;
  const me = () => sync.requireOwner();
  const dispose = registerPromptsOps(sync.kinds, { store, community, owner, touched: onChanged });
  community.onServer('prompt:changed', ({ circleId }) => onChanged(circleId));
  const keep = (who: string, circleId: string | null) => (p: Parameters<typeof store.put>[1]) => {
    store.put(who, p, 'synced');
    onChanged(circleId);
    return store.get(who, p.id)!;
  };

  const handlers: Handlers = {
    'prompts.today': async ({ circleId }) => {
      const who = me().id;
      const fresh = orOffline(await community.request('prompt:today', { circleId }));
      if (fresh) {
        if (!fresh.prompt) return { ...fresh, prompt: null, offline: false };
        store.put(who, fresh.prompt, 'synced');
        store.putDay(who, circleId, fresh.day, fresh.prompt.id);
        return { ...fresh, prompt: store.get(who, fresh.prompt.id)!, offline: false };
      }
      const last = store.lastDay(who, circleId);
      return { circleId, day: last?.day ?? promptDay(clock(), null), prompt: last?.prompt ?? null, offline: true };
    },
    'prompts.library': async ({ circleId, status }) => {
      const who = me().id;
      const fresh = orOffline(await community.request('prompt:library', { circleId, status, limit: 100 }));
      if (fresh) store.replace(who, circleId, status, fresh.prompts);
      return { prompts: store.list(who, circleId, status), waiting: store.waiting(who, circleId), offline: !fresh };
    },
    // Curating is done online: a moderator sees the library as it is.
    'prompts.add': async ({ circleId, text }) => keep(me().id, circleId)(orThrow(await community.request('prompt:add', { promptId: randomUUID(), circleId, text }))),
    'prompts.edit': async (input) => {
      const p = orThrow(await community.request('prompt:edit', input));
      return keep(me().id, p.circleId)(p);
    },
    'prompts.retire': async (input) => {
      const p = orThrow(await community.request('prompt:retire', input));
      return keep(me().id, p.circleId)(p);
    },
    'prompts.decide': async (input) => {
      const p = orThrow(await community.request('prompt:decide', input));
      return keep(me().id, p.circleId)(p);
    },
    'prompts.suggest': ({ circleId, text }) => {
      const who = me();
      const promptId = randomUUID();
      const at = clock().toISOString();
      db.transaction(() => {
        store.put(who.id, { id: promptId, circleId, text, status: 'suggested', authorId: who.id, authorName: who.displayName, threadId: null, createdAt: at, updatedAt: at }, 'pending');
        sync.outbox.enqueue(who.id, promptId, { kind: 'prompt.suggest', promptId, circleId, text } satisfies SuggestOp);
      })();
      sync.changed();
      onChanged(circleId);
      return store.get(who.id, promptId)!;
    },
    'prompts.write': ({ promptId, projectId, parentId, day }) => {
      const p = store.get(me().id, promptId);
      if (!p) throw new StudioError('not_found', 'That prompt has not been read on this computer yet.');
      return db.transaction(() => {
        const document = documents.create(projectId, parentId, titleFor(p.text));
        const link: PromptLink = { documentId: document.id, promptId, circleId: p.circleId, text: p.text, day, threadId: p.threadId, linkedAt: clock().toISOString() };
        store.putLink(link);
        return { document, link };
      })();
    },
    'prompts.forDocument': ({ documentId }) => store.link(documentId),
    'prompts.shareResponse': async ({ documentId, circleId: chosen }) => {
      const link = store.link(documentId);
      if (!link) throw new StudioError('not_found', 'This document was not written to a prompt.');
      const doc = documents.get(documentId);
      const who = me().id;
      let circleId: string;
      let threadId: string | null;
      if (link.circleId) {
        circleId = link.circleId;
        // The thread: the one the link knows, or the one the prompt got since it was written to.
        threadId = link.threadId ?? store.get(who, link.promptId)?.threadId ?? null;
        if (threadId && !link.threadId) store.setLinkThread(documentId, threadId);
      } else {
        // An open prompt is everyone's and has no circle: the writer picks one of theirs, and the
        // reply goes in that circle's thread for the prompt, which the server starts (so: online).
        if (!chosen) throw new StudioError('invalid_input', 'Choose one of your circles to share this response with.');
        const opened = await community.request('prompt:thread', { promptId: link.promptId, circleId: chosen });
        if (!opened.ok && opened.error.code === 'unavailable') throw new StudioError('unavailable', 'Connect to the community server to share a response to an open prompt: its thread in your circle is opened there. Nothing was shared.');
        circleId = chosen;
        threadId = orThrow(opened).threadId;
      }
      // Read first (kept here, so the reply can be written offline), before the share goes in the outbox.
      if (threadId) await thread(threadId);
      const note = `A response to the prompt “${titleFor(link.text)}”. Light feedback welcome.`;
      const share = publish({ documentIds: [documentId], circleId, title: doc.title, note });
      if (!threadId) return { shareId: share.id, circleId, postId: null, threadId: null };
      const post = await reply(threadId, `I wrote to this prompt: “${doc.title}”, shared with the circle for light feedback (Comments → Shared drafts → “${doc.title}”).`);
      return { shareId: share.id, circleId, postId: post.id, threadId };
    },
  };
  return { handlers, close: dispose };
}
