import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { CircleSelect } from '../../ui/CircleSelect';
import './critique.css';
import type { Credits, DocumentNode, LocalShare } from '../../../../shared/api/studio-api';
import type { Circle, CircleMember } from '../../../../shared/protocol/community-events';
import { errorMessage } from '../../app/studio-client';
import { useStores } from '../../app/stores';
import { useStudio } from '../../app/studio-context';
import { DiscardRefused, SyncBadge } from './SyncBadge';

/** Share the open document with a circle (or some of its members), update or revoke a share, see credits. */
export function SharePanel({ documentId, title, docs, shares, online, flush }: {
  documentId: string;
  title: string;
  /** The project's documents, in binder order: more chapters can go into one share. */
  docs: DocumentNode[];
  shares: LocalShare[];
  online: boolean;
  flush: () => Promise<void>;
}) {
  const api = useStudio();
  const { critique } = useStores();
  const [circles, setCircles] = useState<Circle[]>([]);
  const [circleId, setCircleId] = useState('');
  const [members, setMembers] = useState<CircleMember[]>([]);
  const [readers, setReaders] = useState<string[]>([]);
  const [chapters, setChapters] = useState<string[]>([documentId]);
  const [note, setNote] = useState('');
  const [queue, setQueue] = useState(false);
  const [credits, setCredits] = useState<Credits | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!online) return;
    api.circles.list().then((list) => {
      setCircles(list);
      setCircleId((current) => current || list[0]?.id || '');
    }, () => undefined);
  }, [api, online]);
  useEffect(() => {
    if (!circleId) return;
    api.credits.get({ circleId }).then(setCredits, () => setCredits(null));
    // Readers to choose from: everyone in the circle but the writer themself.
    if (online)
      Promise.all([api.circles.members({ circleId }), api.community.status()]).then(
        ([list, status]) => setMembers(list.filter((m) => m.userId !== status.account?.id)),
        () => setMembers([]),
      );
  }, [api, circleId, online, shares]);

  const run = (work: () => Promise<unknown>) => {
    setError(null);
    work().catch((e: unknown) => setError(errorMessage(e)));
  };
  const shareTitle = chapters.length > 1 ? `${title} and ${chapters.length - 1} more` : title;
  const share = (e: FormEvent) => {
    e.preventDefault();
    // What is shared is what is saved: save the last keystrokes first.
    run(async () => (await flush(), api.shares.publish({ documentIds: docs.map((d) => d.id).filter((id) => chapters.includes(id)), circleId, readerIds: readers, title: shareTitle, note, queue })));
  };

  return (
    <section className="share-panel" aria-label="Share for critique">
      <h3>Share for critique</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {shares.map((s) => (
        <div key={s.id} className="share-row" aria-label={`Share ${s.title}`}>
          <p>
            <strong>{s.title}</strong> · version {s.versions.at(-1)?.number ?? 1} · {s.comments} comments, {s.critiques} critiques{' '}
            {s.revoked && <em>revoked</em>} {(!s.revoked || s.syncState !== 'synced') && <SyncBadge item={s} />} <DiscardRefused item={s} what={`refused share ${s.title}`} />
          </p>
          {!s.revoked && (
            <p className="thread-actions">
              <button type="button" onClick={() => run(async () => (await flush(), api.shares.publish({ documentIds: s.documentIds, shareId: s.id, circleId: s.circleId, readerIds: s.readerIds, title: s.title, note: s.note, queue: s.queue })))}>
                Share new version
              </button>
              <button type="button" onClick={() => run(() => api.shares.revoke({ shareId: s.id }))}>
                Revoke
              </button>
            </p>
          )}
          {s.versions.length > 0 && <ReadVersion share={s} open={(versionId) => run(async () => (await flush(), critique.openShare(s.id, versionId)))} />}
        </div>
      ))}
      {circles.length === 0 ? (
        <p className="muted">{online ? 'Create or join a circle in the Community tab to share drafts.' : 'Sharing with a new circle needs a connection once; comments and replies work offline.'}</p>
      ) : (
        // Once the draft is shared, the form folds away: sharing again with another circle is the rarer wish.
        <Fold folded={shares.length > 0}>
        <form onSubmit={share} className="share-form" aria-label="Share for critique">
          <label>
            Circle
            <CircleSelect circles={circles} value={circleId} onPick={setCircleId} />
          </label>
          {members.length > 0 && (
            <fieldset>
              <legend>Only these members (none ticked: the whole circle)</legend>
              {members.map((m) => (
                <label key={m.userId} className="check">
                  <input type="checkbox" checked={readers.includes(m.userId)} onChange={(e) => setReaders(e.target.checked ? [...readers, m.userId] : readers.filter((r) => r !== m.userId))} />
                  {m.displayName}
                </label>
              ))}
            </fieldset>
          )}
          {docs.length > 1 && (
            <details>
              <summary>Chapters ({chapters.length})</summary>
              <fieldset>
                <legend>Share these chapters together</legend>
                {docs.map((d) => (
                  <label key={d.id} className="check">
                    <input type="checkbox" checked={chapters.includes(d.id)} onChange={(e) => setChapters(e.target.checked ? [...chapters, d.id] : chapters.filter((c) => c !== d.id))} />
                    {d.title}
                  </label>
                ))}
              </fieldset>
            </details>
          )}
          <label>
            Note to readers
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} placeholder="Looking for pacing feedback" />
          </label>
          <label className="check">
            <input type="checkbox" checked={queue} onChange={(e) => setQueue(e.target.checked)} />
            Post to the circle’s critique queue{credits?.rules ? ` (costs ${credits.rules.postCost} credits)` : ''}
          </label>
          <button type="submit" disabled={chapters.length === 0}>
            Share “{shareTitle}”
          </button>
        </form>
        </Fold>
      )}
      {credits && (
        <details className="credits">
          <summary>Credits: {credits.balance}</summary>
          <ul aria-label="Credit history">
            {credits.entries.map((e) => (
              <li key={e.id}>
                {e.delta > 0 ? '+' : ''}
                {e.delta} {e.reason} → {e.balanceAfter}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The share form, open until the draft is shared, then behind one line. */
function Fold({ folded, children }: { folded: boolean; children: ReactNode }) {
  if (!folded) return <>{children}</>;
  return (
    <details className="share-form-fold">
      <summary>Share with another circle or readers…</summary>
      {children}
    </details>
  );
}

/** The author reads a shared version as its readers did, with the comments left on it highlighted. */
function ReadVersion({ share, open }: { share: LocalShare; open: (versionId: string) => void }) {
  const [versionId, setVersionId] = useState(share.versions.at(-1)!.id);
  return (
    <p className="thread-actions">
      <label>
        Version{' '}
        <select value={versionId} onChange={(e) => setVersionId(e.target.value)} aria-label={`Version of ${share.title} to read`}>
          {share.versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.number}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => open(versionId)}>
        Read as shared
      </button>
    </p>
  );
}
