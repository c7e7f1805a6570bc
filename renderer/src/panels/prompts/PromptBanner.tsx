import { useEffect, useState } from 'react';
import type { PromptLink } from '../../../../shared/api/prompts';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { flushEditor } from '../search/manuscript-bridge';
import './prompts.css';

/** Above the editor of a document written to a prompt: the prompt, and sharing the response for light feedback. */
export function PromptBanner({ documentId }: { documentId: string }) {
  const api = useStudio();
  const [link, setLink] = useState<PromptLink | null>(null);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setLink(null);
    setSaid(null);
    api.prompts.forDocument({ documentId }).then((l) => live && setLink(l), () => undefined);
    return () => {
      live = false;
    };
  }, [api, documentId]);
  if (!link) return null;
  const share = async () => {
    setBusy(true);
    try {
      await flushEditor();
      const shared = await api.prompts.shareResponse({ documentId });
      setSaid({ ok: true, text: shared.postId ? 'Shared with the circle, and posted in the prompt’s thread.' : 'Shared with the circle for light feedback.' });
    } catch (err) {
      setSaid({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside className="prompt-banner" aria-label="Writing prompt">
      <div className="prompt-body">
        <p className="today-label">Written to a prompt{link.day ? <span className="muted"> · {link.day}</span> : null}</p>
        <p className="prompt-text">{link.text}</p>
      </div>
      {link.circleId && !said?.ok && (
        <button type="button" disabled={busy} onClick={() => void share()}>
          Share response for feedback
        </button>
      )}
      {said && (
        <p role={said.ok ? 'status' : 'alert'} className={said.ok ? 'muted' : 'error'}>
          {said.text}
        </p>
      )}
    </aside>
  );
}
