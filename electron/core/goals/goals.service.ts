import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { GoalProgress, GoalsOutputs, ProjectGoals } from '../../../shared/api/goals';
import { StudioError } from '../../../shared/api/result';
import { addDays, dailyPace, streaks, writingDayOf, writingDayTotals } from '../../../shared/goals/writing-days';
import type { goalsInputs } from '../../../shared/schemas/goals';
import type { Clock } from '../clock';
import type { DailyWordsRepo } from '../stats/daily-words.repo';
import { createGoalsRepo } from './goals.repo';
import { wordTotals } from '../stats/word-totals';

type GoalMethod = Exclude<keyof GoalsOutputs, 'stats.history'>;
type Inputs = { [M in GoalMethod]: z.output<(typeof goalsInputs)[M]> };
type GoalHandlers = { [M in GoalMethod]: (input: Inputs[M]) => GoalsOutputs[M] };

export interface GoalsOptions {
  db: Database;
  clock: Clock;
  daily: DailyWordsRepo;
  /** The project's words as the binder counts them (documents not in the trash). */
  projectWords: (projectId: string) => number;
  /** Throws not_found for a project that is not there. */
  assertProject: (projectId: string) => void;
  onChanged: (progress: GoalProgress) => void;
}

const fmt = (n: number) => n.toLocaleString('en');

/** Word targets, deadlines and the pace they need, sessions and streaks; told of every save by the daily words. */
export function createGoals(options: GoalsOptions) {
  const { db, clock, daily } = options;
  const repo = createGoalsRepo(db, clock);
  const totals = wordTotals(db);
  const documentWords = db.prepare<[string], { documentId: string; words: number; projectId: string }>(
    `SELECT d.id AS documentId, d.project_id AS projectId, coalesce(c.word_count, 0) AS words
     FROM documents d LEFT JOIN document_content c ON c.document_id = d.id WHERE d.id = ?`,
  );

  const progress = (projectId: string): ProjectGoals => {
    const rules = repo.rules();
    const now = clock();
    const today = writingDayOf(now, rules.dayEndsAt);
    // Today's words in this project (tomorrow's early hours may still be today); the streak is
    // the writer's, in every project, and needs the days before today (400 is plenty for the current one).
    const writingDays = (id: string | null, from: string) => writingDayTotals(totals.hourly(id, from, addDays(today, 1)), totals.daily(id, from, addDays(today, 1)), rules.dayEndsAt);
    const todayWords = writingDays(projectId, today).get(today) ?? 0;
    const goals = repo.forProject(projectId);
    const project = goals.find((g) => g.scope === 'project') ?? null;
    const projectWords = options.projectWords(projectId);
    const pace =
      project && project.deadline
        ? dailyPace({ target: project.words, writtenBeforeToday: projectWords - todayWords, writtenToday: todayWords, today, deadline: project.deadline, writingDays: rules.writingDays })
        : null;
    return {
      projectId,
      projectWords,
      projectTarget: project?.words ?? null,
      deadline: project?.deadline ?? null,
      pace,
      today: { day: today, words: todayWords, target: pace ? pace.todayTarget : null },
      session: { words: daily.session(), target: rules.sessionWords },
      streak: streaks(writingDays(null, addDays(today, -400)), rules, today),
      met: null,
      rules,
      documents: goals
        .filter((g) => g.scope === 'document')
        .flatMap((g) => {
          const doc = documentWords.get(g.targetId);
          return doc ? [{ documentId: g.targetId, target: g.words, words: doc.words }] : [];
        }),
    };
  };

  /** What a save of `delta` words just reached, said once and gently. */
  const metBy = (p: ProjectGoals, delta: number): string | null => {
    const crossed = (value: number, target: number | null) => target !== null && target > 0 && value >= target && value - delta < target;
    if (crossed(p.projectWords, p.projectTarget)) return `You reached your target of ${fmt(p.projectTarget!)} words for this project. Well done.`;
    if (crossed(p.today.words, p.today.target)) return `Today’s ${fmt(p.today.target!)} words are written. Anything more is a head start.`;
    if (crossed(p.session.words, p.session.target)) return `Session goal met: ${fmt(p.session.target!)} words this sitting.`;
    return null;
  };

  const summary = ({ documents: _documents, rules: _rules, ...rest }: ProjectGoals, met: string | null): GoalProgress => ({ ...rest, met });
  // Told inside the save's transaction: work it out once that has committed (a save that rolls
  // back is not reported as progress), and never let it fail the save.
  let closed = false;
  const dispose = daily.onAdd((projectId, delta) =>
    queueMicrotask(() => {
      if (closed) return;
      try {
        const p = progress(projectId);
        options.onChanged(summary(p, metBy(p, delta)));
      } catch (error) {
        console.error('[margin core] goals', error);
      }
    }),
  );

  const handlers: GoalHandlers = {
    // Reading a project's goals also tells the status bar which project is in view.
    'goals.get': ({ projectId }) => {
      options.assertProject(projectId);
      const p = progress(projectId);
      options.onChanged(summary(p, null));
      return p;
    },
    'goals.setProject': ({ projectId, words, deadline }) => {
      options.assertProject(projectId);
      if (deadline && words === null) throw new StudioError('invalid_input', 'A deadline needs a word target.');
      repo.set({ targetId: projectId, scope: 'project', projectId, words, deadline });
      return handlers['goals.get']({ projectId });
    },
    'goals.setDocument': ({ documentId, words }) => {
      const doc = documentWords.get(documentId);
      if (!doc) throw new StudioError('not_found', 'That document does not exist.');
      repo.set({ targetId: documentId, scope: 'document', projectId: doc.projectId, words, deadline: null });
      return handlers['goals.get']({ projectId: doc.projectId });
    },
    'goals.setRules': (patch) => repo.setRules(patch),
  };
  return {
    handlers,
    progress,
    rules: () => repo.rules(),
    close(): void {
      closed = true;
      dispose();
    },
  };
}
export type Goals = ReturnType<typeof createGoals>;
