import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { DEFAULT_RULES, type WritingRules } from '../../../shared/goals/writing-days';
import { WritingRulesPatch } from '../../../shared/schemas/goals';
import type { Clock } from '../clock';

export interface GoalRow {
  targetId: string;
  scope: 'project' | 'document';
  words: number;
  deadline: string | null;
}

const StoredRules = WritingRulesPatch.transform((patch) => ({ ...DEFAULT_RULES, ...patch }) as WritingRules);

/** Word targets (a project's, with its deadline; a document's) and the writer's rules, one JSON row. */
export function createGoalsRepo(db: Database, clock: Clock) {
  const upsert = db.prepare(
    `INSERT INTO goals (target_id, scope, project_id, words, deadline, updated_at) VALUES (@targetId, @scope, @projectId, @words, @deadline, @at)
     ON CONFLICT(target_id) DO UPDATE SET words = excluded.words, deadline = excluded.deadline, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM goals WHERE target_id = ?');
  const forProject = db.prepare<[string], GoalRow>('SELECT target_id AS targetId, scope, words, deadline FROM goals WHERE project_id = ?');
  const selectRules = db.prepare<[], string>('SELECT rules FROM writing_rules WHERE id = 1').pluck();
  const saveRules = db.prepare('INSERT INTO writing_rules (id, rules) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET rules = excluded.rules');
  return {
    set(goal: { targetId: string; scope: GoalRow['scope']; projectId: string; words: number | null; deadline: string | null }): void {
      if (goal.words === null) remove.run(goal.targetId);
      else upsert.run({ ...goal, at: clock().toISOString() });
    },
    forProject: (projectId: string): GoalRow[] => forProject.all(projectId),
    /** The writer's rules; a row that does not parse (hand-edited, say) falls back to the defaults. */
    rules(): WritingRules {
      const stored = selectRules.get();
      if (!stored) return DEFAULT_RULES;
      try {
        return StoredRules.parse(JSON.parse(stored));
      } catch (error) {
        if (error instanceof SyntaxError || error instanceof z.ZodError) return DEFAULT_RULES;
        throw error;
      }
    },
    setRules(patch: Partial<WritingRules>): WritingRules {
      const next = { ...this.rules(), ...patch };
      saveRules.run(JSON.stringify(next));
      return next;
    },
  };
}
export type GoalsRepo = ReturnType<typeof createGoalsRepo>;
