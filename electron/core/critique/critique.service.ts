import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../shared/api/result';
import type { Credits, DocumentReview, LocalShare, PassageDiff, ReviewComment, ReviewCritique, ShareView, StudioOutputs } from '../../../shared/api/studio-api';
import { MAX_SHARE_BYTES, type CreditRules } from '../../../shared/protocol/critique-schemas';
import { EMPTY_DOCUMENT, mapPlainText, parseLexicalState, withoutMarks, type SerializedNode, type SerializedState } from '../../../shared/schemas/lexical';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import { findAnchor } from '../../../shared/text/anchor';
import { countWords } from '../../../shared/text/word-count';
import type { Clock } from '../clock';
import type { CommunityClient } from '../community/community-client';
import type { ContentRepo } from '../documents/content.repo';
import type { DocumentsRepo } from '../documents/documents.repo';
import { diffProse } from '../snapshots/text-diff';
import { registerCritiqueFeed, type CritiqueFeedOptions } from './critique.feed';
import { registerCritiqueOps, type CritiqueUndo } from './critique.ops';
import { createCritiqueStore } from './critique.store';
import { anchorTarget, buildThreads, type AnchorTarget } from './review';
import { critiqueRefusal, helpfulRefusal, resolveRefusal } from '../../../shared/rules/critique';
import type { Refusal } from '../../../shared/rules/rule-error';
import type { Sync } from '../sync/sync';

type In<M extends keyof StudioOutputs> = StudioParsedInput<M>;

const orRefuse = (refusal: Refusal) => {
  if (refusal) throw new StudioError(refusal.code, refusal.message);
};

export interface CritiqueOptions {
  db: Database;
  clock: Clock;
  community: CommunityClient;
  documents: DocumentsRepo;
  content: ContentRepo;
  sync: Sync;
  /** What changed, once per action or synced batch: the shares whose views need refreshing (null: credits, lists). */
  onChanged: (change: { shareIds: string[] }) => void;
  /** Told of each feed item once stored (the notification centre). */
  arrived?: CritiqueFeedOptions['arrived'];
}

/** Sharing for critique, on the studio's side: everything here works offline and syncs through the one outbox. */
export function createCritique(options: CritiqueOptions) {
  const { db, clock, community, documents, content, sync } = options;
  const store = createCritiqueStore(db, () => sync.owner()?.id ?? '');
  const { outbox } = sync;
  const now = () => clock().toISOString();
  const rules = new Map<string, CreditRules>();

  // Views refresh for what changed: the shares touched since the last announcement.
  const touchedShares = new Set<string>();
  let touchedAny = false;
  const touched = (shareId: string | null) => {
    touchedAny = true;
    if (shareId) touchedShares.add(shareId);
  };
  const announce = () => {
    if (!touchedAny) return;
    const shareIds = [...touchedShares];
    touchedShares.clear();
    touchedAny = false;
    options.onChanged({ shareIds });
  };
  const disposers = [
    registerCritiqueOps(sync.kinds, { store, stamp: () => sync.hlc.tick(), touched }),
    registerCritiqueFeed(sync.kinds, { store, outbox, observeHlc: sync.hlc.observe, touched, arrived: options.arrived }),
    sync.onBatchDone(announce),
  ];

  const me = () => sync.owner();
  const requireMe = () => sync.requireOwner();
  /** After an action: its views refresh, and what it queued goes out if it can. */
  const changed = (shareId: string) => {
    touched(shareId);
    announce();
    sync.changed();
  };

  const documentState = (id: string): SerializedState => parseLexicalState(content.current(id)?.content ?? EMPTY_DOCUMENT);
  const heading = (text: string): SerializedNode => ({
    type: 'heading',
    tag: 'h2',
    version: 1,
    direction: null,
    format: '',
    indent: 0,
    children: [{ type: 'text', text, version: 1, detail: 0, format: 0, mode: 'normal', style: '' }],
  });
  /** One immutable document from one chapter or several (each under its title), without comment marks. */
  const compose = (documentIds: string[]): string => {
    if (documentIds.length === 1) return JSON.stringify(withoutMarks(documentState(documentIds[0]!)));
    const children = documentIds.flatMap((id) => [heading(documents.get(id).title), ...(withoutMarks(documentState(id)).root.children ?? [])]);
    const base = parseLexicalState(EMPTY_DOCUMENT);
    return JSON.stringify({ ...base, root: { ...base.root, children } });
  };

  const versionNumber = (shareId: string) => {
    const numbers = new Map(store.versions(shareId).map((v) => [v.id, v.number]));
    return (id: string) => numbers.get(id) ?? 0;
  };

  /** The share's row (cheap: no counts), if this writer may still read it. */
  const readable = (shareId: string) => {
    const share = store.shareRow(shareId);
    if (!share) throw new StudioError('not_found', 'That shared draft is not here.');
    if (share.revoked && share.role === 'reader') throw new StudioError('forbidden', 'The author has withdrawn this draft.');
    return { id: share.id, authorId: share.author_id };
  };

  const handlers = {
    'shares.list': (): LocalShare[] => store.shares(),

    'shares.publish': (input: In<'shares.publish'>): LocalShare => {
      const who = requireMe();
      for (const id of input.documentIds) documents.get(id);
      const existing = input.shareId ? store.shareRow(input.shareId) : undefined;
      if (existing && existing.role !== 'author') throw new StudioError('forbidden', 'Only its author can update a shared draft.');
      if (existing?.revoked) throw new StudioError('forbidden', 'This share was revoked; share the draft again instead.');
      const json = compose(input.documentIds);
      if (json.length > MAX_SHARE_BYTES) throw new StudioError('too_large', 'A shared draft may be at most 1.2 MB; share fewer chapters at a time.');
      const plain = mapPlainText(parseLexicalState(json)).text;
      const shareId = input.shareId ?? randomUUID();
      const versionId = randomUUID();
      const number = store.versions(shareId).reduce((n, v) => Math.max(n, v.number), 0) + 1;
      db.transaction(() => {
        store.putShare(
          {
            id: shareId,
            authorId: who.id,
            authorName: who.displayName,
            circleId: input.circleId,
            title: input.title,
            note: input.note,
            queue: input.queue,
            readerIds: input.readerIds,
            revoked: false,
            createdAt: existing?.created_at ?? now(),
            versions: [],
          },
          'author',
          input.documentIds,
          'pending',
        );
        store.putVersion({ id: versionId, share_id: shareId, number, content: json, plain_text: plain, word_count: countWords(plain), created_at: now() });
        outbox.enqueue(who.id, shareId, {
          kind: 'share.publish',
          shareId,
          versionId,
          circleId: input.circleId,
          readerIds: input.readerIds,
          title: input.title,
          note: input.note,
          queue: input.queue,
          content: json,
        },
        // A new version of an existing share: what its settings were, should it be refused and discarded.
        existing && ({ share: { title: existing.title, note: existing.note, queue: existing.queue, reader_ids: existing.reader_ids, document_ids: existing.document_ids } } satisfies CritiqueUndo));
      })();
      changed(shareId);
      return store.share(shareId);
    },

    'shares.revoke': ({ shareId }: In<'shares.revoke'>): LocalShare => {
      const who = requireMe();
      const share = store.share(shareId);
      if (share.role !== 'author') throw new StudioError('forbidden', 'Only its author can revoke a shared draft.');
      db.transaction(() => {
        store.putShare({ ...share, revoked: true }, 'author', share.documentIds, 'pending');
        outbox.enqueue(who.id, shareId, { kind: 'share.revoke', shareId });
      })();
      changed(shareId);
      return store.share(shareId);
    },

    'shares.open': ({ shareId, versionId }: In<'shares.open'>): ShareView => {
      readable(shareId);
      const share = store.share(shareId);
      const listed = store.versions(shareId);
      const chosen = versionId ? listed.find((v) => v.id === versionId) : listed.at(-1);
      const version = chosen && store.version(chosen.id); // only this one's text is read
      if (!version) throw new StudioError('not_found', 'That version of the draft has not arrived yet.');
      const target: AnchorTarget[] = version.content ? [anchorTarget(version.id, parseLexicalState(version.content))] : [];
      const { threads, detached } = buildThreads(store.comments(shareId), versionNumber(shareId), target);
      return {
        share,
        version: { id: version.id, number: version.number, content: version.content, invalidReason: version.invalid_reason },
        threads: threads.map(({ targetId: _t, ...t }) => t),
        detached,
        critiques: store.critiques(shareId),
        me: me(),
      };
    },

    'comments.add': (input: In<'comments.add'>): ReviewComment => {
      const who = requireMe();
      const share = readable(input.shareId);
      const version = store.version(input.versionId);
      if (!version || version.share_id !== share.id) throw new StudioError('not_found', 'That version of the draft is not here.');
      let parentId = input.parentId;
      if (parentId) {
        const parent = store.comment(parentId);
        if (!parent || parent.shareId !== share.id) throw new StudioError('not_found', 'That comment is not here.');
        parentId = parent.parentId ?? parent.id;
      } else if (input.anchor && version.plain_text.slice(input.anchor.start, input.anchor.start + input.anchor.quote.length) !== input.anchor.quote) {
        throw new StudioError('invalid_input', 'The selected text is not at that place in the shared draft.');
      }
      const id = randomUUID();
      const comment = {
        id,
        shareId: share.id,
        versionId: version.id,
        parentId,
        authorId: who.id,
        authorName: who.displayName,
        body: input.body,
        anchor: parentId ? null : input.anchor,
        resolved: false,
        resolvedHlc: null,
        helpful: false,
        helpfulHlc: null,
        createdAt: now(),
      };
      db.transaction(() => {
        store.putComment(comment, 'pending');
        outbox.enqueue(who.id, id, { kind: 'comment.add', commentId: id, shareId: share.id, versionId: version.id, parentId, body: input.body, anchor: comment.anchor });
      })();
      changed(share.id);
      return store.comment(id)!;
    },

    'comments.setFlag': ({ target, id, flag, value }: In<'comments.setFlag'>): null => {
      const who = requireMe();
      const item = target === 'comment' ? store.comment(id) : store.critique(id);
      if (!item) throw new StudioError('not_found', `That ${target} is not here.`);
      const share = readable(item.shareId);
      // The rules the server applies (shared/rules), so a refusal is immediate rather than a failed sync later.
      const facts = { shareAuthorId: share.authorId, targetAuthorId: item.authorId, userId: who.id };
      orRefuse(flag === 'resolved' ? resolveRefusal({ ...facts, target, isReply: !!(item as ReviewComment).parentId }) : helpfulRefusal(facts));
      const stamp = sync.hlc.tick();
      db.transaction(() => {
        store.setFlag(target, id, flag, value, stamp);
        const before = flag === 'resolved' ? { value: (item as ReviewComment).resolved, hlc: (item as ReviewComment).resolvedHlc } : { value: item.helpful, hlc: item.helpfulHlc };
        outbox.enqueue(who.id, id, { kind: 'flag.set', target, id, flag, value, hlc: stamp }, { flag: before } satisfies CritiqueUndo);
        store.setState(target === 'comment' ? 'comments' : 'critiques', id, 'pending', null);
      })();
      changed(share.id);
      return null;
    },

    'comments.forDocument': ({ documentId }: In<'comments.forDocument'>): DocumentReview => {
      documents.get(documentId);
      const shares = store.shares().filter((s) => s.role === 'author' && s.documentIds.includes(documentId));
      const review: DocumentReview = { shares, threads: [], detached: [], critiques: [] };
      for (const share of shares) {
        // A comment on a share of several chapters belongs to the chapter its passage is in now.
        const targets = share.documentIds.flatMap((id) => {
          try {
            return [anchorTarget(id, documentState(id))];
          } catch {
            return [];
          }
        });
        const { threads, detached } = buildThreads(store.comments(share.id), versionNumber(share.id), targets);
        review.threads.push(...threads.filter((t) => t.targetId === documentId || (t.targetId === null && share.documentIds[0] === documentId)).map(({ targetId: _t, ...t }) => t));
        if (share.documentIds[0] === documentId) review.detached.push(...detached);
        review.critiques.push(...store.critiques(share.id));
      }
      review.threads.sort((a, b) => (a.match?.start ?? Infinity) - (b.match?.start ?? Infinity));
      return review;
    },

    'comments.passageDiff': ({ commentId }: In<'comments.passageDiff'>): PassageDiff => {
      const comment = store.comment(commentId);
      if (!comment?.anchor) throw new StudioError('not_found', 'That inline comment is not here.');
      readable(comment.shareId);
      const latestId = store.versions(comment.shareId).at(-1)?.id;
      const from = store.version(comment.versionId);
      const latest = latestId ? store.version(latestId) : undefined;
      if (!from || !latest) throw new StudioError('not_found', 'That version of the draft is not here.');
      const match = latest.id === from.id ? null : findAnchor(latest.plain_text, comment.anchor);
      const passage = latest.id === from.id ? comment.anchor.quote : match ? latest.plain_text.slice(match.start, match.end) : '';
      return { fromVersion: from.number, toVersion: latest.number, found: latest.id === from.id || !!match, parts: diffProse(comment.anchor.quote, passage) };
    },

    'critiques.submit': (input: In<'critiques.submit'>): ReviewCritique => {
      const who = requireMe();
      const share = readable(input.shareId);
      orRefuse(critiqueRefusal({ authorId: share.authorId, readerIds: [], revoked: false }, who.id, 'member'));
      const version = store.version(input.versionId);
      if (!version || version.share_id !== share.id) throw new StudioError('not_found', 'That version of the draft is not here.');
      // One overall critique per version: writing again revises it.
      const mine = store.critiques(share.id).find((c) => c.versionId === version.id && c.authorId === who.id);
      const id = mine?.id ?? randomUUID();
      const words = countWords([input.worked, input.didnt, input.suggestions].join('\n\n'));
      db.transaction(() => {
        store.putCritique(
          { id, shareId: share.id, versionId: version.id, authorId: who.id, authorName: who.displayName, worked: input.worked, didnt: input.didnt, suggestions: input.suggestions, words, helpful: mine?.helpful ?? false, helpfulHlc: mine?.helpfulHlc ?? null, createdAt: mine?.createdAt ?? now() },
          'pending',
        );
        outbox.enqueue(
          who.id,
          id,
          { kind: 'critique.submit', critiqueId: id, shareId: share.id, versionId: version.id, worked: input.worked, didnt: input.didnt, suggestions: input.suggestions },
          // A revision: the critique as it was, for Discard to put back should the server refuse the new text.
          mine && ({ critique: mine } satisfies CritiqueUndo),
        );
      })();
      changed(share.id);
      return store.critique(id)!;
    },

    'credits.get': async ({ circleId }: In<'credits.get'>): Promise<Credits> => {
      const entries = store.credits(circleId);
      // A circle's rules change rarely: asked of the server once a session, not on every refresh.
      if (!rules.has(circleId) && community.status.state === 'online') {
        const answer = await community.request('credits:rules', { circleId });
        if (answer.ok) rules.set(circleId, answer.data);
      }
      return { circleId, balance: entries.at(-1)?.balanceAfter ?? 0, entries, rules: rules.get(circleId) ?? null };
    },
    'credits.setRules': async (input: In<'credits.setRules'>): Promise<CreditRules> => {
      const answer = await community.request('credits:setRules', input);
      if (!answer.ok) throw new StudioError(answer.error.code, answer.error.message);
      rules.set(input.circleId, answer.data);
      return answer.data;
    },
  };

  return { handlers, close: () => disposers.forEach((dispose) => dispose()) };
}
