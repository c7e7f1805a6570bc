import { useEffect, useRef, useState } from 'react';
import type { ExportProgress, ExportResult } from '../../../../shared/api/export';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { flushEditor, useOpenPlace } from '../search/manuscript-bridge';

type Format = 'docx' | 'epub' | 'markdown' | 'text';
const FORMATS: Array<{ id: Format; label: string }> = [
  { id: 'docx', label: 'Word manuscript (.docx)' },
  { id: 'epub', label: 'E-book (.epub)' },
  { id: 'markdown', label: 'Markdown (.md)' },
  { id: 'text', label: 'Plain text (.txt)' },
];
const AUTHOR_KEY = 'margin.manuscript.author';
const EMPTY_AUTHOR = { name: '', surname: '', address: '', email: '', phone: '' };
type Author = typeof EMPTY_AUTHOR;

function savedAuthor(): Author {
  try {
    return { ...EMPTY_AUTHOR, ...(JSON.parse(localStorage.getItem(AUTHOR_KEY) ?? '{}') as Partial<Author>) };
  } catch {
    return EMPTY_AUTHOR;
  }
}

/** Export the project (or the open document and what is inside it) with a progress bar; the file goes to the data folder's Exports. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const api = useStudio();
  const { projectId, documentId } = useOpenPlace();
  const dialog = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState<Format>('docx');
  const [font, setFont] = useState<'times' | 'courier'>('times');
  const [comments, setComments] = useState(false);
  const [what, setWhat] = useState<'project' | 'document'>('project');
  const [author, setAuthor] = useState<Author>(savedAuthor);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const exportId = useRef<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    return api.on('export:progress', (p) => {
      if (p && p.exportId === exportId.current) setProgress(p);
    });
  }, [api]);

  const busy = progress !== null && progress.stage !== 'done' && progress.stage !== 'failed';
  const start = async () => {
    if (!projectId) return;
    setError(null);
    setResult(null);
    localStorage.setItem(AUTHOR_KEY, JSON.stringify(author));
    const id = crypto.randomUUID();
    exportId.current = id;
    setProgress({ exportId: id, stage: 'converting', done: 0, total: 1 });
    try {
      await flushEditor();
      const done = await api.export.run({
        exportId: id,
        projectId,
        format,
        font,
        comments: format === 'docx' && comments,
        author,
        documentIds: what === 'document' && documentId ? [documentId] : undefined,
      });
      setResult(done);
      setProgress({ exportId: id, stage: 'done', done: 1, total: 1 });
    } catch (e) {
      setError(errorMessage(e));
      setProgress(null);
    }
  };
  const field = (key: keyof Author, label: string, type = 'text') => (
    <label>
      {label}
      <input type={type} value={author[key]} onChange={(e) => setAuthor({ ...author, [key]: e.target.value })} />
    </label>
  );
  const percent = progress ? Math.round(((progress.stage === 'converting' ? progress.done : progress.total + progress.done) / (2 * Math.max(1, progress.total))) * 100) : 0;

  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby="export-title" onClose={onClose} onCancel={(e) => busy && e.preventDefault()}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <h2 id="export-title">Export</h2>
        <fieldset>
          <legend>Format</legend>
          {FORMATS.map((f) => (
            <label key={f.id} className="check">
              <input type="radio" name="format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} /> {f.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>What</legend>
          <label className="check">
            <input type="radio" name="what" checked={what === 'project'} onChange={() => setWhat('project')} /> The whole project
          </label>
          <label className="check">
            <input type="radio" name="what" checked={what === 'document'} disabled={!documentId} onChange={() => setWhat('document')} /> The open document (and what is inside it)
          </label>
        </fieldset>
        {format === 'docx' && (
          <fieldset>
            <legend>Title page and header</legend>
            <div className="export-fields">
              {field('name', 'Name')}
              {field('surname', 'Surname for the header')}
              <label className="wide">
                Address
                <textarea rows={2} className="export-address" value={author.address} onChange={(e) => setAuthor({ ...author, address: e.target.value })} />
              </label>
              {field('email', 'Email', 'email')}
              {field('phone', 'Phone', 'tel')}
              <label>
                Font
                <select value={font} onChange={(e) => setFont(e.target.value as 'times' | 'courier')}>
                  <option value="times">Times New Roman 12 pt</option>
                  <option value="courier">Courier 12 pt</option>
                </select>
              </label>
              <label className="check wide">
                <input type="checkbox" checked={comments} onChange={(e) => setComments(e.target.checked)} /> Include the comments on the text as Word comments
              </label>
            </div>
          </fieldset>
        )}
        {format === 'epub' && field('name', 'Author')}
        {progress && (
          <div className="export-progress">
            <progress max={100} value={percent} aria-label="Export progress" />
            <span role="status">
              {progress.stage === 'converting'
                ? `Reading documents… ${progress.done} of ${progress.total}`
                : progress.stage === 'writing'
                  ? `Writing chapters… ${progress.done} of ${progress.total}`
                  : progress.stage === 'done'
                    ? 'Done.'
                    : 'The export failed.'}
            </span>
          </div>
        )}
        {result && (
          <p className="export-result" role="status">
            Saved <strong>{result.fileName}</strong> ({result.words.toLocaleString()} words, {result.chapters} {result.chapters === 1 ? 'chapter' : 'chapters'}) to <code>{result.path}</code>
          </p>
        )}
        {error && (
          <p role="alert" className="search-error">
            {error}
          </p>
        )}
        <div className="export-actions">
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Close
          </button>
          <button type="submit" className="button-primary" disabled={busy || !projectId}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
