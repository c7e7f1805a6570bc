export interface Follow {
  kind: 'writer' | 'circle';
  id: string;
  name: string;
  since: string;
}

/** One thing that happened, as the feed shows it. Titles are plain text from other people. */
export interface ActivityItem {
  id: string;
  kind: 'thread' | 'kudos' | 'challenge_milestone' | 'sprint_result' | 'share';
  actorId: string;
  actorName: string;
  circleId: string | null;
  circleName: string | null;
  /** The thread (for a new thread, or the thread of the post given kudos). */
  refId: string;
  title: string;
  createdAt: string;
}

export interface ActivityPage {
  items: ActivityItem[];
  next: string | null;
}

export interface ActivityOutputs {
  'activity:kudos': { targetId: string; count: number; mine: boolean };
  'activity:follow': Follow[];
  'activity:follows': Follow[];
  'activity:feed': ActivityPage;
}
