import type { Database } from 'better-sqlite3';

type Range = { projectId: string | null; from: string; to: string };

/** Net words per day and per day and hour, for one project or all (projectId null), between two days (both included). */
export function wordTotals(db: Database) {
  const daily = db.prepare<Range, { day: string; words: number }>(
    `SELECT day, sum(words) AS words FROM daily_words
     WHERE (@projectId IS NULL OR project_id = @projectId) AND day BETWEEN @from AND @to GROUP BY day`,
  );
  const hourly = db.prepare<Range, { day: string; hour: number; words: number }>(
    `SELECT day, hour, sum(words) AS words FROM hourly_words
     WHERE (@projectId IS NULL OR project_id = @projectId) AND day BETWEEN @from AND @to GROUP BY day, hour`,
  );
  const byProject = db.prepare<Range, { projectId: string; title: string; words: number }>(
    `SELECT w.project_id AS projectId, p.title, sum(w.words) AS words FROM daily_words w JOIN projects p ON p.id = w.project_id
     WHERE (@projectId IS NULL OR w.project_id = @projectId) AND w.day BETWEEN @from AND @to
     GROUP BY w.project_id ORDER BY words DESC`,
  );
  return {
    daily: (projectId: string | null, from: string, to: string) => daily.all({ projectId, from, to }),
    hourly: (projectId: string | null, from: string, to: string) => hourly.all({ projectId, from, to }),
    byProject: (projectId: string | null, from: string, to: string) => byProject.all({ projectId, from, to }),
  };
}
