import type { Pace, Streaks, WritingRules } from '../goals/writing-days';

export type { Pace, Streaks, WritingRules };

/** Where a project stands against its goals; pushed as `goals:changed` after every save. */
export interface GoalProgress {
  projectId: string;
  projectWords: number;
  projectTarget: number | null;
  deadline: string | null;
  /** The daily pace the deadline needs, or null without a target and deadline. */
  pace: Pace | null;
  /** Today's writing day (it may end after midnight) and its words in this project. */
  today: { day: string; words: number; target: number | null };
  /** Words since the studio opened, in every project. */
  session: { words: number; target: number | null };
  streak: Streaks;
  /** A goal the last save reached: one gentle sentence for the writer, else null. */
  met: string | null;
}

export interface DocumentGoal {
  documentId: string;
  target: number;
  words: number;
}

export interface ProjectGoals extends GoalProgress {
  documents: DocumentGoal[];
  rules: WritingRules;
}

export interface WordsHistory {
  projectId: string | null;
  from: string;
  to: string;
  /** Every writing day from `from` to `to`, with its net words (0 when none). */
  days: { day: string; words: number }[];
  byProject: { projectId: string; title: string; words: number }[];
  /** Net words by hour of the day (0-23) over the period. */
  byHour: number[];
  total: number;
  bestDay: { day: string; words: number } | null;
  averageOnWritingDays: number;
  writingDaysCount: number;
  streak: Streaks;
}

export interface GoalsOutputs {
  'goals.get': ProjectGoals;
  'goals.setProject': ProjectGoals;
  'goals.setDocument': ProjectGoals;
  'goals.setRules': WritingRules;
  'stats.history': WordsHistory;
}
