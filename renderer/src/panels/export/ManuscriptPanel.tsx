import { useState } from 'react';
import { useOpenPlace } from '../search/manuscript-bridge';
import { ImportAction } from '../import/ImportAction';
import { ExportDialog } from './ExportDialog';
import './export.css';

/** The manuscript tab: export the book (DOCX, EPUB, Markdown, text) and import one (Markdown, DOCX). */
export function ManuscriptPanel() {
  const { projectId } = useOpenPlace();
  const [exporting, setExporting] = useState(false);
  if (!projectId) return <p className="empty">Open a project to export or import a manuscript.</p>;
  return (
    <section className="manuscript" aria-label="Manuscript">
      <h2>Export</h2>
      <p className="muted">A Word manuscript in standard format, an e-book, Markdown or plain text, saved in your data folder&apos;s Exports.</p>
      <button type="button" className="button-primary" onClick={() => setExporting(true)}>
        Export…
      </button>
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      <h2>Import</h2>
      <ImportAction projectId={projectId} />
    </section>
  );
}
