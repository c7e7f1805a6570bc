import type { Database } from 'better-sqlite3';
import type { ChallengeView } from '../../../shared/protocol/challenges-events';
import type { ChallengeGoalKind } from '../../../shared/rules/challenges';

export interface JoinRow {
  owner: string;
  challenge_id: string;
  server: string;
  title: string;
  goal_kind: ChallengeGoalKind;
  goal: number;
  start_day: string;
  end_day: string;
  view: string | null;
  joined_at: string;
}

/**
 * The challenges this account agreed to send totals for, and the writer's own totals per local
 * day: net words from daily_words (every project), minutes from writing_minutes.
 */
export function createChallengesStore(db: Database) {
  const q = {
    put: db.prepare(
      `INSERT INTO challenge_joins (owner, challenge_id, server, title, goal_kind, goal, start_day, end_day, view, joined_at)
       VALUES (@owner, @challenge_id, @server, @title, @goal_kind, @goal, @start_day, @end_day, @view, @joined_at)
       ON CONFLICT(owner, challenge_id) DO UPDATE SET title = excluded.title, view = coalesce(excluded.view, view)`,
    ),
    setView: db.prepare('UPDATE challenge_joins SET view = ? WHERE owner = ? AND challenge_id = ?'),
    get: db.prepare<[string, string], JoinRow>('SELECT * FROM challenge_joins WHERE owner = ? AND challenge_id = ?'),
    all: db.prepare<[string], JoinRow>('SELECT * FROM challenge_joins WHERE owner = ? ORDER BY start_day DESC'),
    /** Those counting on `day`: the save path asks this, so it is one indexed read. */
    active: db.prepare<[string, string, string], JoinRow>('SELECT * FROM challenge_joins WHERE owner = ? AND start_day <= ? AND end_day >= ?'),
    remove: db.prepare('DELETE FROM challenge_joins WHERE owner = ? AND challenge_id = ?'),
    minute: db.prepare('INSERT OR IGNORE INTO writing_minutes (day, minute) VALUES (?, ?)'),
    days: db.prepare<[string, string, string, string], { day: string; words: number; minutes: number }>(
      `SELECT day, sum(words) AS words, sum(minutes) AS minutes FROM (
         SELECT day, words, 0 AS minutes FROM daily_words WHERE day BETWEEN ? AND ?
         UNION ALL SELECT day, 0, count(*) FROM writing_minutes WHERE day BETWEEN ? AND ? GROUP BY day
       ) GROUP BY day ORDER BY day`,
    ),
  };
  return {
    put: (row: JoinRow) => q.put.run(row),
    setView: (owner: string, challengeId: string, view: ChallengeView) => q.setView.run(JSON.stringify(view), owner, challengeId),
    get: (owner: string, challengeId: string) => q.get.get(owner, challengeId),
    all: (owner: string) => q.all.all(owner),
    active: (owner: string, day: string) => q.active.all(owner, day, day),
    remove: (owner: string, challengeId: string) => q.remove.run(owner, challengeId),
    /** The writer's words changed in this minute of this local day. */
    wroteIn: (day: string, minute: number) => q.minute.run(day, minute),
    /** Net words and minutes per local day with any, from `from` to `to`. */
    days: (from: string, to: string) => q.days.all(from, to, from, to),
  };
}
export type ChallengesStore = ReturnType<typeof createChallengesStore>;
