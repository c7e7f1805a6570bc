import { useCallback, useEffect, useState } from 'react';
import type { LocalShare } from '../../../../shared/api/studio-api';
import { useStudio } from '../../app/studio-context';

/** Drafts shared with this writer, and their circles' critique queues. */
export function InboxPanel({ onOpen, openShareId }: { onOpen: (shareId: string) => void; openShareId: string | null }) {
  const api = useStudio();
  const [shares, setShares] = useState<LocalShare[]>([]);
  const load = useCallback(async () => setShares((await api.shares.list()).filter((s) => s.role === 'reader' && !s.revoked)), [api]);
  useEffect(() => {
    load().catch(() => undefined);
    return api.on('critique:changed', () => void load().catch(() => undefined));
  }, [api, load]);
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
      <h3>Shared with you</h3>
      {direct.length ? list(direct, 'Shared with you') : <p className="muted">Nothing yet. Drafts your circles share with you arrive here, and stay readable offline.</p>}
      <h3>Critique queue</h3>
      {queue.length ? list(queue, 'Critique queue') : <p className="muted">The queue is empty.</p>}
    </section>
  );
}
