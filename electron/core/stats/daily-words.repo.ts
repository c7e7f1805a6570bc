import type { Database } from 'better-sqlite3';
import type { TodayStats } from '../../../shared/api/studio-api';
import { localDay, type Clock } from '../clock';

/** Net words written per project per local day. A save adds its delta to the day it happens on. */
export function createDailyWordsRepo(db: Database, clock: Clock) {
  const add = db.prepare(
    `INSERT INTO daily_words (day, project_id, words) VALUES (?, ?, ?)
     ON CONFLICT(day, project_id) DO UPDATE SET words = words + excluded.words`,
  );
  const get = db.prepare<[string, string], { words: number }>(
    'SELECT words FROM daily_words WHERE day = ? AND project_id = ?',
  );
  return {
    add(projectId: string, delta: number): void {
      if (delta !== 0) add.run(localDay(clock()), projectId, delta);
    },
    today(projectId: string): TodayStats {
      const day = localDay(clock());
      return { day, words: get.get(day, projectId)?.words ?? 0 };
    },
    on(projectId: string, day: string): number {
      return get.get(day, projectId)?.words ?? 0;
    },
  };
}
export type DailyWordsRepo = ReturnType<typeof createDailyWordsRepo>;
