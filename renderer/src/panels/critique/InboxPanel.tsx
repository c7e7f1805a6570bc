import type { LocalShare } from '../../../../shared/api/studio-api';
import { useStore, useStores } from '../../app/stores';
import { CreditBalances } from './CreditBalances';

/** Drafts shared with this writer, and their circles' critique queues. */
export function InboxPanel({ onOpen, openShareId }: { onOpen: (shareId: string) => void; openShareId: string | null }) {
  const { critique } = useStores();
  const all = useStore(critique, (s) => s.shares());
  const shares = (all ?? []).filter((s) => s.role === 'reader' && !s.revoked);
  const queue = shares.filter((s) => s.queue);
  const direct = shares.filter((s) => !s.queue);
  const list = (items: LocalShare[], label: string) => (
    <ul className="inbox-list" aria-label={label}>
      {items.map((s) => (
        <li key={s.id}>
          <button type="button" aria-current={openShareId === s.id} onClick={() => onOpen(s.id)} disabled={s.versions.length === 0}>
            <strong>{s.title}</strong> by {s.authorName}
            <span className="muted">
              {' '}
              · v{s.versions.at(-1)?.number ?? '…'} · {s.comments} comments
            </span>
          </button>
          {s.note && <p className="muted">“{s.note}”</p>}
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-label="Critique inbox">
      <CreditBalances circleIds={[...new Set((all ?? []).map((s) => s.circleId))]} />
      <h3>Shared with you</h3>
      {direct.length ? list(direct, 'Shared with you') : <p className="muted">Nothing yet. Drafts your circles share with you arrive here, and stay readable offline.</p>}
      <h3>Critique queue</h3>
      {queue.length ? list(queue, 'Critique queue') : <p className="muted">The queue is empty.</p>}
    </section>
  );
}
