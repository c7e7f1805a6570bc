import { useRef, useState } from 'react';
import type { ImportResult } from '../../../../shared/api/import';
import { MAX_IMPORT_BYTES } from '../../../../shared/schemas/import';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { reloadAfterChange } from '../search/manuscript-bridge';

/** The file's bytes as base64 (how they cross to the core). */
const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });

/** Import a Markdown or Word file into the project: a chapter for each heading, a scene for each scene break. */
export function ImportAction({ projectId }: { projectId: string }) {
  const api = useStudio();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ busy: boolean; result: ImportResult | null; error: string | null }>({ busy: false, result: null, error: null });

  const importFile = async (file: File) => {
    setState({ busy: true, result: null, error: null });
    try {
      if (file.size > MAX_IMPORT_BYTES) throw new Error(`A file to import may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
      const result = await api.import.run({ projectId, fileName: file.name, data: await readBase64(file) });
      setState({ busy: false, result, error: null });
      await reloadAfterChange();
    } catch (e) {
      setState({ busy: false, result: null, error: errorMessage(e) });
    }
  };

  return (
    <div className="import">
      <p className="muted">Markdown (.md) or Word (.docx): chapters split at headings, scenes at ***, * * * or #.</p>
      <input
        ref={input}
        type="file"
        accept=".md,.markdown,.txt,.docx,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        className="visually-hidden"
        aria-label="Choose a file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()} disabled={state.busy}>
        {state.busy ? 'Importing…' : 'Import a file…'}
      </button>
      {state.result && (
        <p role="status" className="import-result">
          Imported {state.result.chapters} {state.result.chapters === 1 ? 'chapter' : 'chapters'}
          {state.result.scenes > 0 ? ` with ${state.result.scenes} scenes` : ''} ({state.result.words.toLocaleString()} words).
        </p>
      )}
      {state.error && (
        <p role="alert" className="search-error">
          {state.error}
        </p>
      )}
    </div>
  );
}
