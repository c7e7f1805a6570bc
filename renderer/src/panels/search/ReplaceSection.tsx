import { useState } from 'react';
import type { ReplacePreview, ReplaceResult } from '../../../../shared/api/replace';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { flushEditor, reloadAfterChange, useOpenPlace } from './manuscript-bridge';

/** Find and replace in the open document or the whole project: every change previewed, applied at once, undone at once. */
export function ReplaceSection({ initialFind }: { initialFind: string }) {
  const api = useStudio();
  const { projectId, documentId } = useOpenPlace();
  const [find, setFind] = useState<string | null>(null);
  const [replace, setReplace] = useState('');
  const [where, setWhere] = useState<'document' | 'project'>('document');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [preview, setPreview] = useState<ReplacePreview | null>(null);
  const [done, setDone] = useState<ReplaceResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const findText = find ?? initialFind;
  const scope = where === 'project' && projectId ? { projectId } : documentId ? { documentId } : null;
  const request = scope && findText ? { scope, find: findText, replace, matchCase, wholeWord } : null;

  const run = (work: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    work()
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  const showPreview = () =>
    run(async () => {
      if (!request) return;
      await flushEditor(); // the preview must see what is on screen
      setDone(null);
      setPreview(await api.replace.preview(request));
    });
  const apply = () =>
    run(async () => {
      if (!request) return;
      await flushEditor();
      const result = await api.replace.apply(request);
      setPreview(null);
      setDone(result);
      await reloadAfterChange(result.documentIds);
    });
  const undo = () =>
    run(async () => {
      if (!done) return;
      await flushEditor();
      const { documentIds } = await api.replace.undo({ snapshotIds: done.snapshotIds });
      setDone(null);
      await reloadAfterChange(documentIds);
    });

  return (
    <details className="replace">
      <summary>Find and replace</summary>
      <form
        className="replace-form"
        onSubmit={(e) => {
          e.preventDefault();
          showPreview();
        }}
      >
        <label>
          Find
          <input value={findText} onChange={(e) => (setFind(e.target.value), setPreview(null))} maxLength={500} />
        </label>
        <label>
          Replace with
          <input value={replace} onChange={(e) => (setReplace(e.target.value), setPreview(null))} maxLength={500} />
        </label>
        <div className="replace-options">
          <select value={where} onChange={(e) => (setWhere(e.target.value as 'document' | 'project'), setPreview(null))} aria-label="Replace where">
            <option value="document">In this document</option>
            <option value="project">In the whole project</option>
          </select>
          <label className="check">
            <input type="checkbox" checked={matchCase} onChange={(e) => (setMatchCase(e.target.checked), setPreview(null))} /> Match case
          </label>
          <label className="check">
            <input type="checkbox" checked={wholeWord} onChange={(e) => (setWholeWord(e.target.checked), setPreview(null))} /> Whole words
          </label>
        </div>
        <button type="submit" disabled={!request || busy}>
          Preview changes
        </button>
      </form>
      {error && (
        <p role="alert" className="search-error">
          {error}
        </p>
      )}
      {preview && (
        <div className="replace-preview" aria-label="Changes to make">
          <p role="status">
            {preview.total === 0
              ? 'Nothing to replace.'
              : `${preview.total} ${preview.total === 1 ? 'change' : 'changes'} in ${preview.documents.length} ${preview.documents.length === 1 ? 'document' : 'documents'}:`}
          </p>
          {preview.documents.map((doc) => (
            <div key={doc.documentId} className="replace-doc">
              <h4>
                {doc.title} <span className="muted">({doc.count})</span>
              </h4>
              <ul>
                {doc.samples.map((s) => (
                  <li key={s.start}>
                    …{s.before}
                    <del>{s.match}</del>
                    <ins>{replace}</ins>
                    {s.after}…
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {preview.total > 0 && (
            <button type="button" className="button-primary" onClick={apply} disabled={busy}>
              Replace all {preview.total}
            </button>
          )}
        </div>
      )}
      {done && (
        <p className="replace-done" role="status">
          Replaced {done.replacements} in {done.documentIds.length} {done.documentIds.length === 1 ? 'document' : 'documents'} (a snapshot of each was taken first).{' '}
          <button type="button" onClick={undo} disabled={busy}>
            Undo replace
          </button>
        </p>
      )}
    </details>
  );
}
