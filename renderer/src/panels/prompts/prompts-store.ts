import type { LocalDailyPrompt, LocalPrompt, LocalPromptLibrary } from '../../../../shared/api/prompts';
import type { DocumentNode, Project, StudioApi } from '../../../../shared/api/studio-api';
import type { Circle } from '../../../../shared/protocol/community-events';
import { mayCurate } from '../../../../shared/rules/prompts';
import { errorMessage } from '../../app/studio-client';
import { panelState } from '../../app/panel-state';

export interface PromptsState {
  /** The writer's circles as last fetched (kept offline). */
  circles: Circle[];
  /** The site roles of the signed-in writer (the open library's curators are site moderators). */
  roles: string[];
  /** The library in view: a circle's id, or null for the open library. */
  circleId: string | null;
  today: LocalDailyPrompt | null;
  library: LocalPromptLibrary | null;
  /** Suggestions waiting for a decision, and prompts retired from the library (curators only). */
  suggestions: LocalPrompt[];
  retired: LocalPrompt[];
  projects: Project[];
  /** The project the writer picked under "Write in" (null: the one open). */
  writeIn: string | null;
  error: string | null;
  /** What just happened, said once (a share made, a suggestion queued). */
  notice: string | null;
}

/**
 * Prompts' one store in the renderer: today's prompt and the library of the chosen circle (or
 * the open library), and the suggestions a curator decides. It reloads when the core says a
 * library changed (here, from the server, or as the outbox settled).
 */
export function createPromptsStore(api: StudioApi) {
  const cell = panelState<PromptsState>({ circles: [], roles: [], circleId: null, today: null, library: null, suggestions: [], retired: [], projects: [], writeIn: null, error: null, notice: null }, { clearError: false });
  const { set, attempt } = cell;
  const curator = () => mayCurate(cell.state.circleId, cell.state.circles.find((c) => c.id === cell.state.circleId)?.role ?? null, cell.state.roles);
  const load = async () => {
    const circleId = cell.state.circleId;
    const curated = (status: 'suggested' | 'retired') => (curator() ? api.prompts.library({ circleId, status }).then((l) => l.prompts, () => []) : Promise.resolve([]));
    const [today, library, suggestions, retired] = await Promise.all([api.prompts.today({ circleId }), api.prompts.library({ circleId }), curated('suggested'), curated('retired')]);
    if (cell.state.circleId === circleId) set({ today, library, suggestions, retired });
  };

  api.on('prompts:changed', (change) => {
    if (change && change.circleId === cell.state.circleId) void attempt(load);
  });

  // Once the writer picks a library (the open one is null, like "not chosen yet"), loading never picks for them again.
  let picked = false;
  let writing: Promise<DocumentNode | null> | null = null;
  const store = {
    subscribe: cell.subscribe,
    state: () => cell.state,
    mayCurate: curator,
    /** Circles and projects; the first circle is chosen until the writer picks another (or the open library). */
    loadAll: async () => {
      const [circles, status, projects] = await Promise.all([api.circles.list().catch(() => null), api.community.status().catch(() => null), api.projects.list().catch(() => [])]);
      set({ circles: circles ?? cell.state.circles, roles: status?.account?.roles ?? cell.state.roles, projects: projects.filter((p) => !p.archivedAt && !p.trashedAt) });
      const list = circles ?? cell.state.circles;
      if (!picked && cell.state.circleId === null && list.length && !cell.state.today) set({ circleId: list[0]!.id });
      await attempt(load);
    },
    select: (circleId: string | null) => {
      picked = true;
      set({ circleId, today: null, library: null, suggestions: [], retired: [], error: null, notice: null });
      return attempt(load);
    },
    /** Where a response goes: the project picked under "Write in", else the one open, else the first. */
    projectToWriteIn: (openProjectId: string | null): string | null => {
      const { projects, writeIn } = cell.state;
      const usable = (id: string | null) => (id && projects.some((p) => p.id === id) ? id : null);
      return usable(writeIn) ?? usable(openProjectId) ?? projects[0]?.id ?? null;
    },
    chooseProject: (projectId: string) => set({ writeIn: projectId }),
    /**
     * A new document linked to today's prompt of the library in view, in the project to write
     * in; answers it (to open), or null when there is no prompt or project, or it was refused.
     * Read first when the Prompts section has not been (Ctrl+Alt+P works from anywhere).
     */
    writeToday: (openProjectId: string | null) =>
      // Two quick presses (or clicks) write one response.
      (writing ??= (async () => {
        if (!cell.state.today) await store.loadAll();
        const today = cell.state.today;
        const projectId = store.projectToWriteIn(openProjectId);
        if (!today?.prompt || !projectId) return null;
        set({ error: null, notice: null });
        try {
          const { document } = await api.prompts.write({ promptId: today.prompt.id, projectId, day: today.day });
          return document;
        } catch (err) {
          set({ error: errorMessage(err) });
          return null;
        }
      })().finally(() => {
        writing = null;
      })),
    suggest: (text: string) =>
      attempt(async () => {
        set({ error: null });
        const p = await api.prompts.suggest({ circleId: cell.state.circleId, text });
        set({ notice: p.syncState === 'pending' ? 'Suggestion saved: it goes to the moderators when Margin is online.' : 'Suggestion sent to the moderators.' });
        await load();
      }),
    add: (text: string) => attempt(async () => (await api.prompts.add({ circleId: cell.state.circleId, text }), await load())),
    edit: (promptId: string, text: string) => attempt(async () => (await api.prompts.edit({ promptId, text }), await load())),
    retire: (promptId: string, retired = true) => attempt(async () => (await api.prompts.retire({ promptId, retired }), await load())),
    decide: (promptId: string, accept: boolean) => attempt(async () => (await api.prompts.decide({ promptId, accept }), await load())),
    dismissNotice: () => set({ notice: null }),
  };
  return store;
}
export type PromptsStore = ReturnType<typeof createPromptsStore>;
