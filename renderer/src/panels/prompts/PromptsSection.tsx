import { useEffect, useState, type FormEvent } from 'react';
import type { LocalPrompt } from '../../../../shared/api/prompts';
import { PROMPT_LIMITS } from '../../../../shared/rules/prompts';
import { useStore, useStores } from '../../app/stores';
import { useOpenPlace } from '../search/manuscript-bridge';
import { writeToTodaysPrompt } from './write-to-prompt';
import { CircleSelect } from '../../ui/CircleSelect';
import { syncNote } from '../../ui/sync-note';
import './prompts.css';


/** Writing prompts: today's prompt of a circle (or the open library), Write to this prompt, the library and suggestions. */
export function PromptsSection() {
  const { prompts } = useStores();
  const state = useStore(prompts, (s) => s.state());
  const place = useOpenPlace();
  // A project made or opened since shows up in "Write in".
  useEffect(() => {
    void prompts.loadAll();
  }, [prompts, place.projectId]);
  // The project to write in: the one open, until the writer picks another.
  const chosen = prompts.projectToWriteIn(place.projectId) ?? '';
  const today = state.today?.prompt ?? null;
  const curator = prompts.mayCurate();

  // Ctrl+Alt+P does the same from anywhere (the app hears it).
  const write = () => void writeToTodaysPrompt(prompts, place.projectId);

  return (
    <section aria-label="Prompts" className="prompts">
      <h3>Prompts</h3>
      <label>
        Prompts from
        <CircleSelect
          aria-label="Prompt library"
          circles={state.circles}
          value={state.circleId ?? ''}
          onFocus={() => void prompts.loadAll()}
          onPick={(id) => void prompts.select(id || null)}
          none={{ label: 'Open prompts (everyone)', last: true }}
        />
      </label>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.notice && (
        <p role="status" className="prompt-notice">
          {state.notice}
        </p>
      )}
      <article className="today-prompt" aria-label="Today's prompt">
        <p className="today-label">
          Today’s prompt{state.today ? <span className="muted"> · {state.today.day}</span> : null}
          {state.today?.offline && <span className="muted"> · offline: the last one read</span>}
        </p>
        {today ? (
          <>
            <blockquote className="prompt-text">{today.text}</blockquote>
            {chosen ? (
              <div className="row-actions prompt-write">
                <label>
                  Write in
                  <select value={chosen} onChange={(e) => prompts.chooseProject(e.target.value)}>
                    {state.projects.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="button-primary" disabled={!chosen} aria-keyshortcuts="Control+Alt+P" title="Write to this prompt (Ctrl+Alt+P)" onClick={write}>
                  Write to this prompt
                </button>
              </div>
            ) : (
              <p className="muted">Make a project first: a response is a new document in it.</p>
            )}
          </>
        ) : (
          <p className="muted">{!state.today ? 'Loading…' : curator ? 'This library has no prompts yet: add the first below.' : 'This library has no prompts yet: suggest one below.'}</p>
        )}
      </article>
      <Library curator={curator} />
      {curator && <Suggestions items={state.suggestions} />}
      {curator && state.retired.length > 0 && <Retired items={state.retired} />}
      <SuggestForm curator={curator} />
    </section>
  );
}

function Library({ curator }: { curator: boolean }) {
  const { prompts } = useStores();
  const library = useStore(prompts, (s) => s.state().library);
  const [editing, setEditing] = useState<string | null>(null);
  if (!library) return null;
  return (
    <details className="prompt-library" open={curator}>
      <summary>Library ({library.prompts.length})</summary>
      {library.offline && <p className="muted">Offline: the library as last read.</p>}
      {library.prompts.length === 0 ? (
        <p className="muted">No prompts yet.</p>
      ) : (
        <ul aria-label="Prompt library" className="prompt-list">
          {library.prompts.map((p) => (
            <li key={p.id}>
              {editing === p.id ? (
                <PromptForm
                  label="Edit prompt"
                  initial={p.text}
                  submit="Save"
                  onSubmit={(text) => {
                    setEditing(null);
                    void prompts.edit(p.id, text);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <span className="prompt-line">{p.text}</span>
                  <small className="muted">by {p.authorName}</small>
                  {curator && (
                    <span className="row-actions">
                      <button type="button" aria-label={`Edit “${p.text}”`} onClick={() => setEditing(p.id)}>
                        Edit
                      </button>
                      <button type="button" aria-label={`Retire “${p.text}”`} onClick={() => void prompts.retire(p.id)}>
                        Retire
                      </button>
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {library.waiting.length > 0 && (
        <ul aria-label="Your suggestions" className="prompt-list">
          {library.waiting.map((p) => (
            <li key={p.id}>
              <span className="prompt-line">{p.text}</span>
              <small className="muted">your suggestion · {syncNote(p)}</small>
            </li>
          ))}
        </ul>
      )}
      {curator && <PromptForm label="New prompt" submit="Add to library" onSubmit={(text) => void prompts.add(text)} />}
    </details>
  );
}

function Suggestions({ items }: { items: LocalPrompt[] }) {
  const { prompts } = useStores();
  return (
    <div className="prompt-suggestions">
      <h4>Suggestions to decide</h4>
      {items.length === 0 ? (
        <p className="muted">None waiting.</p>
      ) : (
        <ul aria-label="Suggested prompts" className="prompt-list">
          {items.map((p) => (
            <li key={p.id}>
              <span className="prompt-line">{p.text}</span>
              <small className="muted">suggested by {p.authorName}</small>
              <span className="row-actions">
                <button type="button" aria-label={`Accept “${p.text}”`} onClick={() => void prompts.decide(p.id, true)}>
                  Accept
                </button>
                <button type="button" aria-label={`Decline “${p.text}”`} onClick={() => void prompts.decide(p.id, false)}>
                  Decline
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Retired({ items }: { items: LocalPrompt[] }) {
  const { prompts } = useStores();
  return (
    <details className="prompt-retired">
      <summary>Retired ({items.length})</summary>
      <ul aria-label="Retired prompts" className="prompt-list">
        {items.map((p) => (
          <li key={p.id}>
            <span className="prompt-line">{p.text}</span>
            <span className="row-actions">
              <button type="button" aria-label={`Bring back “${p.text}”`} onClick={() => void prompts.retire(p.id, false)}>
                Bring back
              </button>
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function SuggestForm({ curator }: { curator: boolean }) {
  const { prompts } = useStores();
  if (curator) return null; // curators add straight to the library
  return (
    <details className="prompt-suggest">
      <summary>Suggest a prompt</summary>
      <PromptForm label="Your prompt" submit="Suggest" onSubmit={(text) => void prompts.suggest(text)} />
    </details>
  );
}

function PromptForm({ label, initial = '', submit, onSubmit, onCancel }: { label: string; initial?: string; submit: string; onSubmit: (text: string) => void; onCancel?: () => void }) {
  const [text, setText] = useState(initial);
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    onSubmit(text.trim());
    setText('');
  };
  return (
    <form className="prompt-form" onSubmit={send}>
      <label>
        {label}
        <textarea rows={2} maxLength={PROMPT_LIMITS.text} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <div className="row-actions">
        <button type="submit" disabled={!text.trim()}>
          {submit}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
