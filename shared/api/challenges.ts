import type { Challenge, ChallengeView, LeaderboardPage } from '../protocol/challenges-events';
import type { Pace } from '../rules/challenges';

export type { Cabin, Challenge, ChallengeStanding, ChallengeView, LeaderboardPage, LeaderboardRow } from '../protocol/challenges-events';

/** One day of the heat map: the writer's own local totals, counted on this computer. */
export interface ChallengeDayCell {
  day: string;
  words: number;
  minutes: number;
  /** What the day adds toward the goal (shared/rules/challenges.ts `dayValue`). */
  value: number;
  /** Not come yet. */
  future: boolean;
}

/** A challenge as the studio shows it: the server's view, and the writer's own count and pace worked out here. */
export interface LocalChallengeView extends ChallengeView {
  /** Null until the writer joins. */
  progress: {
    today: string;
    /** Counted from this computer's daily totals (what is still waiting to be sent included). */
    total: number;
    pace: Pace;
    days: ChallengeDayCell[];
    /** Day totals waiting in the outbox to be sent. */
    waiting: number;
  } | null;
  /** Read from this studio's copy: the server could not be reached. */
  offline: boolean;
}

export interface LocalChallengeList {
  challenges: Challenge[];
  next: string | null;
  offline: boolean;
}

export interface ChallengesStudioOutputs {
  'challenges.list': LocalChallengeList;
  'challenges.create': LocalChallengeView;
  'challenges.get': LocalChallengeView;
  'challenges.join': LocalChallengeView;
  'challenges.withdraw': null;
  'challenges.leaderboard': LeaderboardPage;
}
