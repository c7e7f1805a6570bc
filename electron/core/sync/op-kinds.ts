import type { Result } from '../../../shared/api/result';
import type { SyncState } from '../../../shared/api/studio-api';
import type { FeedItem } from '../../../shared/protocol/community-events';

/**
 * One kind of operation in the one outbox (DESIGN.md: Offline first). A feature registers each
 * of its kinds once; the outbox, the sync engine, Retry and Discard know them only through this.
 */
export interface OpKind<P extends { kind: string } = { kind: string }> {
  kind: P['kind'];
  /** The entities this operation needs on the server first (a reply's comment, a comment's share). */
  dependsOn(payload: P): string[];
  /**
   * How it reaches the server. 'push': in a `sync:push` batch, applied there once per operation
   * id. A function: its own request (a running total, say), whose answer is handed to `acknowledged`.
   */
  send: 'push' | ((payload: P) => Promise<Result<unknown>>);
  /** A newer operation for the same entity replaces one still waiting (running totals). */
  coalesce?: boolean;
  /** A refusal leaves nothing for the writer to do (a total for a sprint long over): the row just goes. */
  dropWhenRefused?: boolean;
  /** Shows where the entity stands, on the row the writer sees (null error unless failed). */
  settle?(entityId: string, state: SyncState, error: string | null): void;
  /** Undoes the local effect when the writer discards the refused operation; answers other entities dropped with it. */
  discard?(payload: P, undo: unknown): string[];
  /** The server took it; `data` is its answer when the kind sends by its own request. */
  acknowledged?(payload: P, data: unknown): void;
  /** Before it is tried again at the writer's request (e.g. a fresh clock stamp). Answers the payload to send. */
  beforeRetry?(payload: P): P;
}

/** How a feature applies what the change feed brings it, for the signed-in account. */
export type FeedHandler = (item: FeedItem, me: string) => void;

export function createOpKinds() {
  const kinds = new Map<string, OpKind>();
  const feed = new Map<string, FeedHandler>();
  return {
    /** Registers a kind; answers its disposer. */
    register<P extends { kind: string }>(kind: OpKind<P>): () => void {
      if (kinds.has(kind.kind)) throw new Error(`outbox kind ${kind.kind} is registered twice`);
      kinds.set(kind.kind, kind as unknown as OpKind);
      return () => kinds.delete(kind.kind);
    },
    /** Registers what to do with one kind of feed item; answers its disposer. */
    onFeed(kind: FeedItem['kind'], handler: FeedHandler): () => void {
      if (feed.has(kind)) throw new Error(`feed kind ${kind} is handled twice`);
      feed.set(kind, handler);
      return () => feed.delete(kind);
    },
    get(kind: string): OpKind {
      const found = kinds.get(kind);
      if (!found) throw new Error(`no outbox kind ${kind} is registered`);
      return found;
    },
    feedHandler: (kind: string) => feed.get(kind),
  };
}
export type OpKinds = ReturnType<typeof createOpKinds>;
