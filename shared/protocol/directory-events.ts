import type { Circle } from './community-events';
import type { CircleVisibilityName } from './directory-schemas';

/** A circle as the directory shows it to anyone signed in. */
export interface DirectoryCircle {
  id: string;
  name: string;
  description: string;
  visibility: Exclude<CircleVisibilityName, 'private'>;
  genres: string[];
  language: string | null;
  timeZone: string | null;
  memberCount: number;
  /** Shares posted, sprints held and discussion posts written in the circle in the last 30 days. */
  activity30d: number;
  createdAt: string;
  /** Where the writer stands: a member already, waiting on a request, or neither. */
  standing: 'member' | 'requested' | 'none';
}

export interface DirectoryPage {
  circles: DirectoryCircle[];
  /** Pass as `after` for the next page; null on the last one. */
  next: string | null;
}

export interface JoinRequest {
  circleId: string;
  userId: string;
  username: string;
  displayName: string;
  note: string;
  createdAt: string;
}

export interface CircleListing {
  circleId: string;
  visibility: CircleVisibilityName;
  genres: string[];
  language: string | null;
  timeZone: string | null;
}

/** `directory:join` answers the circle joined, or the request left for a closed one. */
export type JoinAnswer = { joined: true; circle: Circle } | { joined: false; request: JoinRequest };

export interface DirectoryOutputs {
  'directory:search': DirectoryPage;
  'directory:join': JoinAnswer;
  'directory:requests': JoinRequest[];
  /** Decided: the writer is told through `directory:decided`. */
  'directory:decide': null;
  'directory:setListing': CircleListing;
}

export interface DirectoryServerEvents {
  /** To the circle's room: someone asked to join (moderators see it in their queue). */
  'directory:requested': (event: { circleId: string; userId: string; displayName: string }) => void;
  /** To the writer who asked: the owner or a moderator decided. */
  'directory:decided': (event: { circleId: string; name: string; accepted: boolean }) => void;
}
