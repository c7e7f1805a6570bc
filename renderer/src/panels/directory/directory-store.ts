import type { DirectoryChange, DirectoryCircle } from '../../../../shared/api/directory';
import type { StudioApi } from '../../../../shared/api/studio-api';
import { errorMessage } from '../../app/studio-client';

type Listener = () => void;

export interface DirectoryFilters {
  query: string;
  genre: string;
  language: string;
  visibility: '' | 'public' | 'closed';
}

export interface DirectoryState {
  filters: DirectoryFilters;
  circles: DirectoryCircle[];
  next: string | null;
  loading: boolean;
  error: string | null;
  /** A line for the writer about their last join or request, or news of one decided. */
  notice: string | null;
  /** Bumped when the writer's own circles changed (joined, or let in): lists of circles reload. */
  joins: number;
  /** Bumped when a request to join one of the writer's circles arrived: the queues reload. */
  requests: number;
}

const NO_FILTERS: DirectoryFilters = { query: '', genre: '', language: '', visibility: '' };

/**
 * The directory's one store in the renderer: the search and its pages, joining, and what the
 * core pushes (`directory:changed`): a request to decide, or the answer to the writer's own.
 */
export function createDirectoryStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let state: DirectoryState = { filters: NO_FILTERS, circles: [], next: null, loading: false, error: null, notice: null, joins: 0, requests: 0 };
  const set = (patch: Partial<DirectoryState>) => {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  };
  /** Only filters the writer filled in go to the core (it validates each). */
  const query = (f: DirectoryFilters) => ({
    query: f.query.trim(),
    ...(f.genre.trim() ? { genre: f.genre.trim() } : {}),
    ...(f.language.trim() ? { language: f.language.trim() } : {}),
    ...(f.visibility ? { visibility: f.visibility } : {}),
  });
  const load = async (filters: DirectoryFilters, after?: string) => {
    set({ loading: true, error: null, filters });
    try {
      const page = await api.directory.search({ ...query(filters), ...(after ? { after } : {}) });
      set({ circles: after ? [...state.circles, ...page.circles] : page.circles, next: page.next, loading: false });
    } catch (err) {
      set({ loading: false, error: errorMessage(err) });
    }
  };

  api.on('directory:changed', (change: DirectoryChange | null) => {
    if (!change) return;
    if (change.kind === 'requested') return set({ requests: state.requests + 1 });
    set({
      notice: change.accepted ? `You are in: “${change.name}” accepted your request.` : `“${change.name}” declined your request.`,
      joins: change.accepted ? state.joins + 1 : state.joins,
    });
    void load(state.filters);
  });

  return {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
    search: (filters: DirectoryFilters) => load(filters),
    more: () => (state.next ? load(state.filters, state.next) : Promise.resolve()),
    /** Joins a public circle, or asks to join a closed one. */
    async join(circle: DirectoryCircle, note = '') {
      set({ error: null, notice: null });
      try {
        const answer = await api.directory.join({ circleId: circle.id, note });
        const standing = answer.joined ? 'member' : 'requested';
        set({
          circles: state.circles.map((c) => (c.id === circle.id ? { ...c, standing, memberCount: c.memberCount + (answer.joined && c.standing !== 'member' ? 1 : 0) } : c)),
          notice: answer.joined ? `You joined “${circle.name}”.` : `Asked to join “${circle.name}”: its moderators will decide.`,
          joins: answer.joined ? state.joins + 1 : state.joins,
        });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
  };
}
export type DirectoryStore = ReturnType<typeof createDirectoryStore>;
