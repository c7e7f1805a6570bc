import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit, SearchResults } from '../../../../shared/api/search';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { jumpTo, useOpenPlace } from './manuscript-bridge';
import { ReplaceSection } from './ReplaceSection';
import './search.css';

/** Focus the search box from anywhere (Ctrl+Shift+S brings up this tab, then asks). */
export const focusSearchBox = new EventTarget();
/**
 * The box takes the focus when next drawn: asked while the panel was still loading. Only when
 * asked: a writer moving along the sidebar's tabs with the arrow keys keeps the focus on the tab.
 */
let focusWanted = false;
/** What Ctrl+Shift+S (or a click on the tab) does besides choosing the tab: the box takes the focus (the app shows the sidebar for every tab asked for). */
export function openSearch(): void {
  focusWanted = true;
  focusSearchBox.dispatchEvent(new Event('focus'));
}

/** Search every project (or this one): ranked hits with their words highlighted; Enter or a click opens the passage. */
export function SearchPanel() {
  const api = useStudio();
  const { projectId } = useOpenPlace();
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<'all' | 'project'>('all');
  const [results, setResults] = useState<SearchResults | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  // A layout effect: the box has the focus before the next key typed after Ctrl+Shift+S arrives.
  useLayoutEffect(() => {
    const focus = () => {
      input.current?.focus();
      // Wanted until it takes (a box in a hidden pane cannot have the focus).
      if (input.current && document.activeElement === input.current) focusWanted = false;
    };
    if (focusWanted) focus();
    focusSearchBox.addEventListener('focus', focus);
    return () => focusSearchBox.removeEventListener('focus', focus);
  }, []);

  // Search as the writer types, a moment after they pause; a stale answer never replaces a newer one.
  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setResults(null);
      setError(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.search
        .query({ query: text, projectId: scope === 'project' && projectId ? projectId : undefined })
        .then((found) => {
          if (!current) return;
          setResults(found);
          setActive(0);
          setError(null);
        })
        .catch((e: unknown) => current && setError(errorMessage(e)));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, scope, projectId]);

  const open = (hit: SearchHit) => {
    if (hit.match) void jumpTo({ projectId: hit.projectId, documentId: hit.documentId, ...hit.match }).catch((e: unknown) => setError(errorMessage(e)));
  };
  const hits = results?.hits ?? [];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter' && hits[active]) {
      e.preventDefault();
      open(hits[active]);
    }
  };

  return (
    <section className="search" aria-label="Search">
      <div className="search-box">
        <input
          ref={input}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKey}
          placeholder="Search your writing"
          aria-label="Search your writing"
          aria-controls="search-results"
          aria-activedescendant={hits[active] ? `search-hit-${active}` : undefined}
          maxLength={200}
        />
        <select value={scope} onChange={(e) => setScope(e.target.value as 'all' | 'project')} aria-label="Where to search">
          <option value="all">All projects</option>
          <option value="project" disabled={!projectId}>
            This project
          </option>
        </select>
      </div>
      <p className="search-hint muted">Words are all found; &quot;a phrase&quot; in quotes; light* for words that start so.</p>
      {error && (
        <p role="alert" className="search-error">
          {error}
        </p>
      )}
      {results && (
        <p className="search-count" role="status">
          {hits.length === 0 ? 'Nothing found.' : `${hits.length}${hits.length >= 30 ? '+' : ''} ${hits.length === 1 ? 'place' : 'places'} found.`}
        </p>
      )}
      <ul id="search-results" role="listbox" aria-label="Search results" className="search-results">
        {hits.map((hit, i) => (
          <li
            key={`${hit.documentId}`}
            id={`search-hit-${i}`}
            role="option"
            aria-selected={i === active}
            className="search-hit"
            onClick={() => open(hit)}
            onMouseEnter={() => setActive(i)}
          >
            <span className="search-hit-title">
              {hit.documentTitle}
              <span className="search-hit-project"> · {hit.projectTitle}</span>
            </span>
            <span className="search-snippet">
              {hit.snippet.map((part, j) => (part.match ? <mark key={j}>{part.text}</mark> : <span key={j}>{part.text}</span>))}
            </span>
          </li>
        ))}
      </ul>
      <ReplaceSection initialFind={query.replace(/["*]/g, '').trim()} />
    </section>
  );
}
