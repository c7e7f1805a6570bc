import type { FeedItem } from '../../../shared/protocol/community-events';
import { mapPlainText, parseLexicalState } from '../../../shared/schemas/lexical';
import { countWords } from '../../../shared/text/word-count';
import type { OpKinds } from '../sync/op-kinds';
import type { Outbox } from '../sync/outbox';
import type { CritiqueStore } from './critique.store';

export interface CritiqueFeedOptions {
  store: CritiqueStore;
  outbox: Outbox;
  /** Told of each clock value received, so this studio's clock never runs behind what it has seen. */
  observeHlc: (hlc: string) => void;
  touched: (shareId: string | null) => void;
  /** Told of each item once it is stored, with what the store knows (the notification centre listens). */
  arrived?: (item: FeedItem, me: string, lookup: FeedLookup) => void;
}

/** What the stored feed can say about a share and a comment, for whoever hears of an arrival. */
export interface FeedLookup {
  share(id: string): { authorId: string; title: string } | undefined;
  commentAuthor(id: string): string | undefined;
}

/** What the change feed brings critique: shares, their versions, comments, critiques and credits, for the signed-in account. */
export function registerCritiqueFeed(kinds: OpKinds, { store, outbox, observeHlc, touched, arrived }: CritiqueFeedOptions): () => void {
  const lookup: FeedLookup = {
    share: (id) => {
      const row = store.shareRow(id);
      return row && { authorId: row.author_id, title: row.title };
    },
    commentAuthor: (id) => store.comment(id)?.authorId,
  };
  const onFeed: OpKinds['onFeed'] = (kind, handler) =>
    kinds.onFeed(kind, (item, me) => {
      handler(item, me);
      arrived?.(item, me, lookup);
    });
  const disposers = [
    onFeed('share', (item, me) => {
      if (item.kind !== 'share') return;
      const mine = item.share.authorId === me;
      // Access lost (revoked, left, banned, no longer a reader): the server sends a blank placeholder.
      if (!mine && item.share.revoked) {
        if (store.shareRow(item.share.id)) store.withdrawn(item.share.id);
        touched(item.share.id);
        return;
      }
      store.putShare(item.share, mine ? 'author' : 'reader', [], mine ? outbox.stateOf(me, item.share.id).state : 'synced');
      touched(item.share.id);
    }),
    onFeed('version', (item) => {
      if (item.kind !== 'version') return;
      const v = item.version;
      if (!store.shareRow(v.shareId)) return;
      // Another person's draft: validated here again before any editor sees it.
      let plain = '';
      let invalid: string | null = null;
      try {
        plain = mapPlainText(parseLexicalState(v.content)).text;
      } catch (error) {
        invalid = error instanceof Error ? error.message : 'The draft is not valid editor content.';
      }
      store.putVersion({
        id: v.id,
        share_id: v.shareId,
        number: v.number,
        content: invalid ? null : v.content,
        invalid_reason: invalid,
        plain_text: plain,
        word_count: invalid ? 0 : countWords(plain),
        created_at: v.createdAt,
      });
      touched(v.shareId);
    }),
    onFeed('comment', (item, me) => {
      if (item.kind !== 'comment') return;
      for (const hlc of [item.comment.resolvedHlc, item.comment.helpfulHlc]) if (hlc) observeHlc(hlc);
      store.putComment(item.comment, outbox.stateOf(me, item.comment.id).state);
      touched(item.comment.shareId);
    }),
    onFeed('critique', (item, me) => {
      if (item.kind !== 'critique') return;
      if (item.critique.helpfulHlc) observeHlc(item.critique.helpfulHlc);
      store.putCritique(item.critique, outbox.stateOf(me, item.critique.id).state);
      touched(item.critique.shareId);
    }),
    onFeed('credit', (item) => {
      if (item.kind !== 'credit') return;
      store.putCredit(item.entry);
      touched(null);
    }),
  ];
  return () => disposers.forEach((dispose) => dispose());
}
