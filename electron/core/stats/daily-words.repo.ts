import type { Database } from 'better-sqlite3';
import type { TodayStats } from '../../../shared/api/studio-api';
import { addDays, writingDayOf } from '../../../shared/goals/writing-days';
import { localDay, type Clock } from '../clock';

export type WordsListener = (projectId: string, delta: number) => void;

/**
 * Net words written per project per local day, and per hour of that day (for a day that ends
 * after midnight, and the hours chart). A save adds its delta to the day and hour it happens
 * in. Also counts this session's words (since the studio opened).
 */
export function createDailyWordsRepo(db: Database, clock: Clock) {
  const add = db.prepare(
    `INSERT INTO daily_words (day, project_id, words) VALUES (?, ?, ?)
     ON CONFLICT(day, project_id) DO UPDATE SET words = words + excluded.words`,
  );
  const addHour = db.prepare(
    `INSERT INTO hourly_words (day, hour, project_id, words) VALUES (?, ?, ?, ?)
     ON CONFLICT(day, hour, project_id) DO UPDATE SET words = words + excluded.words`,
  );
  const get = db.prepare<[string, string], { words: number }>(
    'SELECT words FROM daily_words WHERE day = ? AND project_id = ?',
  );
  // "Today" follows the writer's day: a night owl whose day ends at 3 am still has tonight's words at 1 am.
  const dayEndsAt = db.prepare<[], string>('SELECT rules FROM writing_rules WHERE id = 1').pluck();
  const writingDayWords = db.prepare<{ day: string; next: string; end: number; projectId: string }, { words: number | null }>(
    `SELECT sum(words) AS words FROM hourly_words WHERE project_id = @projectId
     AND ((day = @day AND hour >= @end) OR (day = @next AND hour < @end))`,
  );
  const endHour = (): number => {
    try {
      const end = (JSON.parse(dayEndsAt.get() ?? '{}') as { dayEndsAt?: unknown }).dayEndsAt;
      return typeof end === 'number' && Number.isInteger(end) && end >= 0 && end <= 12 ? end : 0;
    } catch {
      return 0;
    }
  };
  const listeners = new Set<WordsListener>();
  let session = 0;
  return {
    add(projectId: string, delta: number): void {
      if (delta === 0) return;
      const now = clock();
      const day = localDay(now);
      add.run(day, projectId, delta);
      addHour.run(day, now.getHours(), projectId, delta);
      session += delta;
      for (const listener of listeners) listener(projectId, delta);
    },
    today(projectId: string): TodayStats {
      const end = endHour();
      if (end === 0) {
        const day = localDay(clock());
        return { day, words: get.get(day, projectId)?.words ?? 0 };
      }
      const day = writingDayOf(clock(), end);
      return { day, words: writingDayWords.get({ day, next: addDays(day, 1), end, projectId })?.words ?? 0 };
    },
    on(projectId: string, day: string): number {
      return get.get(day, projectId)?.words ?? 0;
    },
    /** Net words written since the studio opened, in every project. */
    session: () => session,
    /** Told of every change (inside the save's transaction); returns its disposer. */
    onAdd(listener: WordsListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type DailyWordsRepo = ReturnType<typeof createDailyWordsRepo>;
