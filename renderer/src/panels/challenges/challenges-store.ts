import type { Challenge, LeaderboardRow, LocalChallengeView } from '../../../../shared/api/challenges';
import type { StudioApi } from '../../../../shared/api/studio-api';
import type { StudioInput } from '../../../../shared/schemas/studio';
import { errorMessage } from '../../app/studio-client';

type Listener = () => void;

export interface ChallengesState {
  challenges: Challenge[];
  next: string | null;
  offline: boolean;
  /** The challenge open in the section, with the writer's own count and pace. */
  open: LocalChallengeView | null;
  board: LeaderboardRow[];
  boardNext: string | null;
  /** The cabin the leaderboard is narrowed to, or null for everyone. */
  boardCabin: string | null;
  error: string | null;
}

/** A save moves the count: the open challenge is read again at most this often. */
const REFRESH_MS = 1500;

/** Challenges' one store in the renderer: the list, the open challenge and its leaderboard, following `challenges:changed`. */
export function createChallengesStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let state: ChallengesState = { challenges: [], next: null, offline: false, open: null, board: [], boardNext: null, boardCabin: null, error: null };
  const set = (patch: Partial<ChallengesState>) => {
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  };
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      set({ error: null });
      await work();
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  };
  const loadList = async () => {
    const page = await api.challenges.list({});
    set({ challenges: page.challenges, next: page.next, offline: page.offline });
  };
  const loadBoard = async (challengeId: string, cabinId: string | null) => {
    const page = await api.challenges.leaderboard(cabinId ? { challengeId, cabinId } : { challengeId });
    set({ board: page.rows, boardNext: page.next, boardCabin: cabinId });
  };
  const show = async (view: LocalChallengeView) => {
    set({ open: view });
    if (view.offline) set({ board: [], boardNext: null });
    else await loadBoard(view.challenge.id, state.boardCabin);
  };
  const reopen = async () => {
    if (!state.open) return;
    const view = await api.challenges.get({ challengeId: state.open.challenge.id });
    // The writer may have closed it or opened another meanwhile.
    if (state.open?.challenge.id === view.challenge.id) await show(view);
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  api.on('challenges:changed', (change) => {
    if (!change) return;
    if (change.challengeId === null) void attempt(loadList);
    if (state.open && (change.challengeId === null || change.challengeId === state.open.challenge.id) && !timer) {
      timer = setTimeout(() => {
        timer = null;
        void attempt(reopen);
      }, REFRESH_MS);
    }
  });
  return {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
    load: () => attempt(loadList),
    more: () =>
      attempt(async () => {
        if (!state.next) return;
        const page = await api.challenges.list({ after: state.next });
        set({ challenges: [...state.challenges, ...page.challenges], next: page.next });
      }),
    open: (challengeId: string) => attempt(async () => show(await api.challenges.get({ challengeId }))),
    close: () => set({ open: null, board: [], boardNext: null, boardCabin: null }),
    create: (input: StudioInput<'challenges.create'>) =>
      attempt(async () => {
        await show(await api.challenges.create(input));
        await loadList();
      }),
    join: (input: StudioInput<'challenges.join'>) =>
      attempt(async () => {
        await show(await api.challenges.join(input));
        await loadList();
      }),
    withdraw: (challengeId: string) =>
      attempt(async () => {
        await api.challenges.withdraw({ challengeId });
        await show(await api.challenges.get({ challengeId }));
        await loadList();
      }),
    board: (cabinId: string | null) => attempt(async () => state.open && loadBoard(state.open.challenge.id, cabinId)),
    moreBoard: () =>
      attempt(async () => {
        if (!state.open || !state.boardNext) return;
        const page = await api.challenges.leaderboard({ challengeId: state.open.challenge.id, after: state.boardNext, ...(state.boardCabin ? { cabinId: state.boardCabin } : {}) });
        set({ board: [...state.board, ...page.rows], boardNext: page.next });
      }),
  };
}
export type ChallengesStore = ReturnType<typeof createChallengesStore>;
