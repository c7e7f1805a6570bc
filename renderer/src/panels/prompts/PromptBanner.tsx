import { useEffect, useState } from 'react';
import type { PromptLink } from '../../../../shared/api/prompts';
import type { Circle } from '../../../../shared/protocol/community-events';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { flushEditor } from '../search/manuscript-bridge';
import { CircleSelect } from '../../ui/CircleSelect';
import './prompts.css';

/**
 * Above the editor of a document written to a prompt: the prompt, and sharing the response for
 * light feedback. A circle's prompt is shared with that circle; an open prompt (everyone's, in no
 * circle) with the circle the writer picks, where the reply goes in that circle's thread for it.
 */
export function PromptBanner({ documentId }: { documentId: string }) {
  const api = useStudio();
  const [link, setLink] = useState<PromptLink | null>(null);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [circles, setCircles] = useState<Circle[] | null>(null);
  const [circleId, setCircleId] = useState('');
  useEffect(() => {
    let live = true;
    setLink(null);
    setSaid(null);
    api.prompts.forDocument({ documentId }).then((l) => live && setLink(l), () => undefined);
    return () => {
      live = false;
    };
  }, [api, documentId]);
  const open = !!link && !link.circleId;
  // An open prompt's response goes to one of the writer's circles: list them (this studio's copy answers offline).
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.circles.list().then(
      (list) => {
        if (!live) return;
        setCircles(list);
        setCircleId((id) => (list.some((c) => c.id === id) ? id : (list[0]?.id ?? '')));
      },
      () => live && setCircles([]),
    );
    return () => {
      live = false;
    };
  }, [api, open]);
  if (!link) return null;
  const share = async () => {
    setBusy(true);
    try {
      await flushEditor();
      const shared = await api.prompts.shareResponse(open ? { documentId, circleId } : { documentId });
      const where = open ? (circles?.find((c) => c.id === shared.circleId)?.name ?? 'your circle') : 'the circle';
      setSaid({
        ok: true,
        text: shared.postId ? (open ? `Shared with ${where}, and posted in its thread for this prompt.` : 'Shared with the circle, and posted in the prompt’s thread.') : `Shared with ${where} for light feedback.`,
      });
    } catch (err) {
      setSaid({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const canShare = !said?.ok && (!open || circleId !== '');
  return (
    <aside className="prompt-banner" aria-label="Writing prompt">
      <div className="prompt-body">
        <p className="today-label">
          {open ? 'Written to an open prompt' : 'Written to a prompt'}
          {link.day ? <span className="muted"> · {link.day}</span> : null}
        </p>
        <p className="prompt-text">{link.text}</p>
        {open && !said?.ok && (
          <p className="muted prompt-open-note" id={`open-note-${documentId}`}>
            {circles && circles.length === 0
              ? 'Open prompts are everyone’s, in no circle: join a circle to share your response for feedback.'
              : 'Open prompts are everyone’s, in no circle: your response goes to the circle you choose, in that circle’s thread for this prompt.'}
          </p>
        )}
      </div>
      {open && !said?.ok && circles && circles.length > 0 && (
        <label className="prompt-share-circle">
          Share with
          <CircleSelect circles={circles} value={circleId} onPick={setCircleId} aria-describedby={`open-note-${documentId}`} />
        </label>
      )}
      {canShare && (
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
