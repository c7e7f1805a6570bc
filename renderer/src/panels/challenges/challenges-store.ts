import type { Challenge, LeaderboardRow, LocalChallengeView } from '../../../../shared/api/challenges';
import type { StudioApi } from '../../../../shared/api/studio-api';
import type { StudioInput } from '../../../../shared/schemas/studio';
import { panelState } from '../../app/panel-state';

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
  const cell = panelState<ChallengesState>({ challenges: [], next: null, offline: false, open: null, board: [], boardNext: null, boardCabin: null, error: null });
  const { set, attempt } = cell;
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
    else await loadBoard(view.challenge.id, cell.state.boardCabin);
  };
  const reopen = async () => {
    if (!cell.state.open) return;
    const view = await api.challenges.get({ challengeId: cell.state.open.challenge.id });
    // The writer may have closed it or opened another meanwhile.
    if (cell.state.open?.challenge.id === view.challenge.id) await show(view);
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  api.on('challenges:changed', (change) => {
    if (!change) return;
    if (change.challengeId === null) void attempt(loadList);
    if (cell.state.open && (change.challengeId === null || change.challengeId === cell.state.open.challenge.id) && !timer) {
      timer = setTimeout(() => {
        timer = null;
        void attempt(reopen);
      }, REFRESH_MS);
    }
  });
  return {
    subscribe: cell.subscribe,
    state: () => cell.state,
    load: () => attempt(loadList),
    more: () =>
      attempt(async () => {
        if (!cell.state.next) return;
        const page = await api.challenges.list({ after: cell.state.next });
        set({ challenges: [...cell.state.challenges, ...page.challenges], next: page.next });
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
    board: (cabinId: string | null) => attempt(async () => cell.state.open && loadBoard(cell.state.open.challenge.id, cabinId)),
    moreBoard: () =>
      attempt(async () => {
        if (!cell.state.open || !cell.state.boardNext) return;
        const page = await api.challenges.leaderboard({ challengeId: cell.state.open.challenge.id, after: cell.state.boardNext, ...(cell.state.boardCabin ? { cabinId: cell.state.boardCabin } : {}) });
        set({ board: [...cell.state.board, ...page.rows], boardNext: page.next });
      }),
  };
}
export type ChallengesStore = ReturnType<typeof createChallengesStore>;
