import type { ApiError, Result } from '../api/result';
import type { TextAnchor } from '../text/anchor';
import type { CreditRules } from './critique-schemas';
import type { CommunityEvent, CommunityInput } from './community-schemas';
import type { DirectoryOutputs, DirectoryServerEvents } from './directory-events';
import type { DiscussionsOutputs, DiscussionsServerEvents } from './discussions-events';
import type { ModerationOutputs, ModerationServerEvents } from './moderation-events';
import type { ActivityOutputs, ActivityServerEvents } from './activity-events';
import type { ProfilesOutputs } from './profiles-events';
import type { ChallengesOutputs } from './challenges-events';
import type { PromptsOutputs, PromptsServerEvents } from './prompts-events';
import type { CircleVisibilityName } from './directory-schemas';

export type SiteRoleName = 'writer' | 'author' | 'moderator' | 'admin';
export type CircleRoleName = 'owner' | 'moderator' | 'member';

export interface Account {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  genres: string[];
  links: string[];
  roles: SiteRoleName[];
  createdAt: string;
}

export interface SessionInfo {
  token: string;
  account: Account;
  expiresAt: string;
}

export interface Device {
  id: string;
  device: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export interface Circle {
  id: string;
  name: string;
  description: string;
  visibility: CircleVisibilityName;
  role: CircleRoleName;
  memberCount: number;
  createdAt: string;
}

export interface CircleMember {
  userId: string;
  username: string;
  displayName: string;
  role: CircleRoleName;
  joinedAt: string;
}

export interface Invite {
  code: string;
  /** The community server's address, as writers reach it. */
  server: string;
  /** `margin://join/<server>/<code>`: opening it in Margin joins the circle on that server. */
  link: string;
  /** `https://<server>/join/<code>`: the same invite, to paste into a chat. */
  web: string;
  circleId: string;
  expiresAt: string;
}

export type SprintStatus = 'upcoming' | 'running' | 'grace' | 'finished';

export interface Sprint {
  id: string;
  circleId: string | null;
  title: string;
  createdBy: string;
  startsAt: string;
  endsAt: string;
  durationMin: number;
  goalWords: number | null;
  status: SprintStatus;
  writers: number;
  joined: boolean;
}

export interface LeaderRow {
  userId: string;
  displayName: string;
  words: number;
  /** 1-based; null for counts flagged as implausible, which are shown but not ranked. */
  place: number | null;
  flagged: boolean;
}

/**
 * About once a second to every writer in a sprint, the same for all (so a node encodes it
 * once and broadcasts it): the clock, the top places and the totals. Bounded however many write.
 */
export interface SprintTickShared {
  sprintId: string;
  serverNow: number;
  startsAt: string;
  endsAt: string;
  status: SprintStatus;
  goalWords: number | null;
  top: LeaderRow[];
  totals: { writers: number; words: number };
}

/** One writer's own place: sent with a tick only when it changed since the last one they got. */
export interface SprintPlace {
  sprintId: string;
  me: LeaderRow | null;
  /** The writer's own row and their neighbours, when not already in `top`. */
  around: LeaderRow[];
}

/** What a writer sees: the shared tick and their own place, put together by the client. */
export type SprintTick = SprintTickShared & Omit<SprintPlace, 'sprintId'>;

export interface SprintResult {
  sprintId: string;
  title: string;
  durationMin: number;
  endedAt: string;
  words: number;
  wpm: number;
  place: number | null;
  writers: number;
  personalBest: boolean;
  flagged: boolean;
  final: boolean;
}

export interface ShareVersionInfo {
  id: string;
  number: number;
  wordCount: number;
  createdAt: string;
}

/** A draft shared for critique: an immutable version per update; the master copy stays with its author. */
export interface SharedDraft {
  id: string;
  authorId: string;
  authorName: string;
  circleId: string;
  title: string;
  note: string;
  queue: boolean;
  /** Empty: the whole circle. */
  readerIds: string[];
  revoked: boolean;
  createdAt: string;
  versions: ShareVersionInfo[];
}

export interface ShareVersionRecord extends ShareVersionInfo {
  shareId: string;
  /** Lexical JSON from another person: validated again before it reaches an editor. */
  content: string;
}

export interface CommentRecord {
  id: string;
  shareId: string;
  versionId: string;
  /** The thread's first comment, for a reply. */
  parentId: string | null;
  authorId: string;
  authorName: string;
  /** Plain text, never markup. */
  body: string;
  anchor: TextAnchor | null;
  resolved: boolean;
  resolvedHlc: string | null;
  helpful: boolean;
  helpfulHlc: string | null;
  createdAt: string;
}

/** The overall critique, written from a template. */
export interface CritiqueRecord {
  id: string;
  shareId: string;
  versionId: string;
  authorId: string;
  authorName: string;
  worked: string;
  didnt: string;
  suggestions: string;
  words: number;
  helpful: boolean;
  helpfulHlc: string | null;
  createdAt: string;
}

export type CreditReason = 'welcome' | 'post' | 'critique' | 'helpful';
export interface CreditEntry {
  id: string;
  circleId: string;
  delta: number;
  reason: CreditReason;
  refId: string;
  balanceAfter: number;
  createdAt: string;
}

/** One change in a writer's feed; `seq` is the cursor, monotonic per writer. */
export type FeedItem = { seq: number } & (
  | { kind: 'share'; share: SharedDraft }
  | { kind: 'version'; version: ShareVersionRecord }
  | { kind: 'comment'; comment: CommentRecord }
  | { kind: 'critique'; critique: CritiqueRecord }
  | { kind: 'credit'; entry: CreditEntry }
);

export type OpResult = { opId: string; ok: true } | { opId: string; ok: false; error: ApiError };

/** What each request answers. */
export interface CommunityOutputs extends DirectoryOutputs, DiscussionsOutputs, ModerationOutputs, ActivityOutputs, ChallengesOutputs, PromptsOutputs, ProfilesOutputs {
  'account:register': SessionInfo;
  'account:signIn': SessionInfo;
  'account:signOut': null;
  'account:me': Account;
  'account:updateProfile': Account;
  'account:devices': Device[];
  'account:revokeDevice': null;
  'circle:create': Circle;
  'circle:list': Circle[];
  'circle:invite': Invite;
  'circle:join': Circle;
  'circle:leave': null;
  'circle:members': CircleMember[];
  'circle:setRole': CircleMember;
  'circle:ban': null;
  'time:sync': { t0: number; t1: number; t2: number };
  'sprint:create': Sprint;
  'sprint:list': Sprint[];
  'sprint:join': Sprint;
  'sprint:leave': null;
  /** With the writer's place as it stands with these words: no separate message needed. */
  'sprint:progress': { words: number; flagged: boolean; place: SprintPlace | null };
  'sprint:cheer': null;
  'sprint:results': SprintResult;
  'sprint:history': SprintResult[];
  /** One result per operation, in order; a batch cut short by a fault answers only what it applied. */
  'sync:push': { results: OpResult[] };
  'sync:pull': { items: FeedItem[]; cursor: number; more: boolean };
  'credits:rules': CreditRules;
  'credits:setRules': CreditRules;
}

export type Ack<T> = (result: Result<T>) => void;

export type ClientToServerEvents = {
  [E in CommunityEvent]: (payload: CommunityInput<E>, ack: Ack<CommunityOutputs[E]>) => void;
};

export interface ServerToClientEvents extends DirectoryServerEvents, DiscussionsServerEvents, ModerationServerEvents, PromptsServerEvents, ActivityServerEvents {
  'circle:memberJoined': (event: { circleId: string; member: CircleMember }) => void;
  'circle:memberLeft': (event: { circleId: string; userId: string }) => void;
  /** A sprint was planned in a circle: its members are told (the notification centre). */
  'circle:sprintCreated': (event: { circleId: string; sprintId: string; title: string; startsAt: string; createdBy: string; by: string }) => void;
  'session:revoked': (event: { reason: string }) => void;
  'sprint:tick': (tick: SprintTickShared) => void;
  'sprint:place': (place: SprintPlace) => void;
  'sprint:cheer': (event: { sprintId: string; fromUserId: string; from: string; toUserId: string; reaction: string }) => void;
  /** The writer's feed has grown to `seq`: pull what is new. */
  'feed:changed': (event: { seq: number }) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  userId: string | null;
  sessionId: string | null;
}

/** Bumped when the protocol changes incompatibly; sent by clients in the handshake. */
export const PROTOCOL_VERSION = 1;
