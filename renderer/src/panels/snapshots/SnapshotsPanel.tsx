import { useCallback, useEffect, useState } from 'react';
import type { DiffPart, Snapshot } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';

interface Props {
  documentId: string | null;
  /** Saves pending edits first, so a snapshot or a restore sees the latest text. */
  flush: () => Promise<void>;
  onRestored: () => void;
}

/** Named and automatic snapshots of the open document: take, compare with now, restore. */
export function SnapshotsPanel({ documentId, flush, onRestored }: Props) {
  const api = useStudio();
  const [snapshots, setSnapshots] = useState<Snapshot[]>([]);
  const [name, setName] = useState('');
  const [diff, setDiff] = useState<{ snapshot: Snapshot; parts: DiffPart[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (!documentId) return setSnapshots([]);
    setSnapshots(await api.snapshots.list({ documentId }));
  }, [api, documentId]);

  useEffect(() => {
    setDiff(null);
    refresh().catch((e: unknown) => setError(errorMessage(e)));
  }, [refresh]);

  if (!documentId) return <p className="empty">Open a document to see its snapshots.</p>;

  const run = (work: () => Promise<void>) => () => {
    setError(null);
    work().catch((e: unknown) => setError(errorMessage(e)));
  };
  const take = run(async () => {
    await flush();
    await api.snapshots.create({ documentId, name: name.trim() || `Snapshot ${new Date().toLocaleString()}` });
    setName('');
    await refresh();
  });
  const compare = (snapshot: Snapshot) =>
    run(async () => {
      await flush();
      setDiff({ snapshot, parts: await api.snapshots.diff({ id: snapshot.id }) });
    });
  const restore = (snapshot: Snapshot) =>
    run(async () => {
      await flush();
      await api.snapshots.restore({ id: snapshot.id });
      setDiff(null);
      await refresh();
      onRestored();
    });

  return (
    <section className="snapshots" aria-label="Snapshots">
      <form
        className="snapshot-form"
        onSubmit={(e) => {
          e.preventDefault();
          take();
        }}
      >
        <label htmlFor="snapshot-name">Snapshot name</label>
        <input id="snapshot-name" value={name} maxLength={200} placeholder="e.g. Before cutting the prologue" onChange={(e) => setName(e.target.value)} />
        <button type="submit">Take snapshot</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {snapshots.length === 0 ? (
        <p className="empty">No snapshots of this document yet.</p>
      ) : (
        <ul aria-label="Snapshot list" className="snapshot-list">
          {snapshots.map((s) => (
            <li key={s.id}>
              <div>
                <strong>{s.name}</strong>
                <small>
                  {s.kind === 'auto' ? 'automatic · ' : ''}
                  {new Date(s.createdAt).toLocaleString()} · {s.wordCount.toLocaleString()} words
                </small>
              </div>
              <div className="row-actions">
                <button type="button" aria-label={`Compare ${s.name}`} onClick={compare(s)}>
                  Compare
                </button>
                <button type="button" aria-label={`Restore ${s.name}`} onClick={restore(s)}>
                  Restore
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {diff && (
        <section className="diff" aria-label={`Changes since ${diff.snapshot.name}`}>
          <h3>Since “{diff.snapshot.name}”</h3>
          <p className="diff-legend">
            <del>removed</del> <ins>added</ins>
          </p>
          <div className="diff-body">
            {diff.parts.map((part, i) =>
              part.kind === 'added' ? <ins key={i}>{part.text}</ins> : part.kind === 'removed' ? <del key={i}>{part.text}</del> : <span key={i}>{part.text}</span>,
            )}
          </div>
        </section>
      )}
    </section>
  );
}
