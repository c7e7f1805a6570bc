import type { ChallengeGoalKind } from '../rules/challenges';

/** What challenges answer. Titles and names are plain text from other people. */
export interface Challenge {
  id: string;
  title: string;
  /** The circle it runs in, or null: open to everyone. */
  circleId: string | null;
  circleName: string | null;
  createdBy: string;
  creatorName: string;
  goalKind: ChallengeGoalKind;
  goal: number;
  /** Local calendar days, both included: each writer counts in their own time zone. */
  startDay: string;
  endDay: string;
  /** Writers join cabins (teams of up to 12). */
  cabins: boolean;
  participants: number;
  createdAt: string;
  /** The reader's own standing, or null when they have not joined. */
  mine: ChallengeStanding | null;
}

export interface ChallengeStanding {
  total: number;
  daysWritten: number;
  cabinId: string | null;
  cabinName: string | null;
  /** The highest milestone reached (0, 25, 50, 75, 100). */
  milestone: number;
  completedAt: string | null;
}

export interface ChallengePage {
  challenges: Challenge[];
  next: string | null;
}

export interface Cabin {
  id: string;
  name: string;
  members: number;
  total: number;
}

export interface ChallengeView {
  challenge: Challenge;
  cabins: Cabin[];
  /** The reader's day totals as the server holds them (their consent given). */
  days: { day: string; words: number; minutes: number }[];
}

export interface LeaderboardRow {
  rank: number;
  accountId: string;
  displayName: string;
  cabinName: string | null;
  total: number;
  completed: boolean;
}

export interface LeaderboardPage {
  rows: LeaderboardRow[];
  next: string | null;
}

export interface ChallengesOutputs {
  'challenge:create': ChallengeView;
  'challenge:list': ChallengePage;
  'challenge:get': ChallengeView;
  'challenge:join': ChallengeView;
  'challenge:withdraw': null;
  'challenge:progress': { total: number; milestone: number; completed: boolean };
  'challenge:leaderboard': LeaderboardPage;
}
