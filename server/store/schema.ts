import type { ModerationAction, ReportTargetKind, SanctionKind } from '../../shared/rules/moderation';
import type { ColumnType, Generated } from 'kysely';
import type { StoredComment, StoredCritique } from '../../shared/protocol/critique-rows';

/** The community database, as Kysely sees it. Timestamps are ISO strings, lists are JSON text: the same on SQLite and PostgreSQL. */
export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  bio: string;
  genres: string;
  links: string;
  roles: string;
  created_at: string;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  device: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}
export interface CirclesTable {
  id: string;
  name: string;
  description: string;
  owner_id: string;
  created_at: string;
  visibility: Generated<'public' | 'closed' | 'private'>;
  /** JSON list of lower-case genres. */
  genres: Generated<string>;
  language: string | null;
  time_zone: string | null;
}
export interface CircleJoinRequestsTable {
  circle_id: string;
  user_id: string;
  note: string;
  created_at: string;
}
export interface CircleMembersTable {
  circle_id: string;
  user_id: string;
  role: 'owner' | 'moderator' | 'member' | 'banned';
  joined_at: string;
}
export interface CircleInvitesTable {
  code: string;
  circle_id: string;
  created_by: string;
  created_at: string;
  expires_at: string;
}
export interface SprintsTable {
  id: string;
  circle_id: string | null;
  created_by: string;
  title: string;
  starts_at: string;
  ends_at: string;
  duration_min: number;
  goal_words: number | null;
  created_at: string;
}
export interface SprintWritersTable {
  sprint_id: string;
  user_id: string;
  joined_at: string;
  words: number;
  updated_at: string;
  flagged: number;
  left_at: string | null;
}
export interface SharesTable {
  /** Hidden by a moderator (migration 0014). */
  hidden_at?: string | null;
  id: string;
  author_id: string;
  circle_id: string;
  title: string;
  note: string;
  queue: number;
  reader_ids: string;
  revoked_at: string | null;
  created_at: string;
}
export interface ShareVersionsTable {
  id: string;
  share_id: string;
  number: number;
  content: string;
  plain_text: string;
  word_count: number;
  created_at: string;
}
/** Comments and critiques are stored as the studio stores them (shared/protocol/critique-rows.ts). */
/** hidden_at: hidden by a moderator (migration 0014); left out of what others pull. */
export type CommentsTable = StoredComment & { hidden_at?: string | null };
export type CritiquesTable = StoredCritique & { hidden_at?: string | null };
export interface CreditRulesTable {
  circle_id: string;
  rules: string;
}
export interface CreditLedgerTable {
  id: string;
  circle_id: string;
  user_id: string;
  delta: number;
  reason: string;
  ref_id: string;
  balance_after: number;
  created_at: string;
}
export interface AppliedOpsTable {
  op_id: string;
  user_id: string;
  /** The permanent failure it was answered with (JSON), or null when it was applied. */
  error: string | null;
  applied_at: string;
}
/** One sign-in failure or registration, for limits every node shares (when there is no Redis). */
export interface AttemptsTable {
  name: string;
  key: string;
  at: number;
}
export interface FeedTable {
  seq: Generated<number>;
  user_id: string;
  kind: 'share' | 'version' | 'comment' | 'critique' | 'credit';
  ref_id: string;
  created_at: string;
}
export interface CommunityDatabase {
  shares: SharesTable;
  share_versions: ShareVersionsTable;
  comments: CommentsTable;
  critiques: CritiquesTable;
  credit_rules: CreditRulesTable;
  credit_ledger: CreditLedgerTable;
  applied_ops: AppliedOpsTable;
  attempts: AttemptsTable;
  feed: FeedTable;
  sprints: SprintsTable;
  sprint_writers: SprintWritersTable;
  users: UsersTable;
  sessions: SessionsTable;
  circles: CirclesTable;
  circle_members: CircleMembersTable;
  circle_invites: CircleInvitesTable;
  circle_join_requests: CircleJoinRequestsTable;
  discussion_categories: DiscussionCategoriesTable;
  discussion_threads: DiscussionThreadsTable;
  discussion_posts: DiscussionPostsTable;
  discussion_reads: DiscussionReadsTable;
  reports: ReportsTable;
  moderation_log: ModerationLogTable;
  blocks: BlocksTable;
  sanctions: SanctionsTable;
  thread_mutes: ThreadMutesTable;
  kudos: KudosTable;
  follows: FollowsTable;
  activity: ActivityTable;
  activity_notices: ActivityNoticesTable;
  sprint_results: SprintResultsTable;
  profiles: ProfilesTable;
  badges: BadgesTable;
  challenges: ChallengesTable;
  challenge_cabins: ChallengeCabinsTable;
  challenge_participants: ChallengeParticipantsTable;
  challenge_days: ChallengeDaysTable;
  challenge_progress: ChallengeProgressTable;
  prompts: PromptsTable;
  prompt_days: PromptDaysTable;
}
export interface PromptsTable {
  id: string;
  /** null: the open library. */
  circle_id: string | null;
  /** The circle's id, or 'open'. */
  scope: string;
  text: string;
  status: 'active' | 'retired' | 'suggested' | 'declined';
  author_id: string;
  decided_by: string | null;
  thread_id: string | null;
  created_at: string;
  updated_at: string;
}
export interface PromptDaysTable {
  scope: string;
  day: string;
  prompt_id: string;
}
export interface ChallengesTable {
  id: string;
  title: string;
  circle_id: string | null;
  created_by: string;
  goal_kind: 'words' | 'days' | 'minutes';
  goal: number;
  start_day: string;
  end_day: string;
  cabins: number;
  participants: number;
  created_at: string;
}
export interface ChallengeCabinsTable {
  id: string;
  challenge_id: string;
  name: string;
  created_by: string;
  members: number;
  created_at: string;
}
export interface ChallengeParticipantsTable {
  challenge_id: string;
  account_id: string;
  cabin_id: string | null;
  /** When they agreed to send their daily totals (withdrawing deletes the row and the totals). */
  consented_at: string;
}
export interface ChallengeDaysTable {
  challenge_id: string;
  account_id: string;
  /** The writer's local calendar day. */
  day: string;
  words: number;
  minutes: number;
  updated_at: string;
}
export interface ChallengeProgressTable {
  challenge_id: string;
  account_id: string;
  cabin_id: string | null;
  /** Toward the goal, in its unit (words, days with writing or minutes). */
  total: number;
  words: number;
  minutes: number;
  days_written: number;
  milestone: number;
  completed_at: string | null;
  updated_at: string;
}
/** What a profile adds to `users` (name, bio, genres): privacy per field and the work shown. */
export interface ProfilesTable {
  account_id: string;
  /** JSON: field → 'everyone' | 'circles' | 'me' (shared/rules/profiles.ts). */
  privacy: string;
  working_title: string | null;
  working_genre: string | null;
  working_words: number | null;
  /** Stamps (HLC) of the last profile and privacy updates applied; an older one is ignored. */
  stamp: string;
  privacy_stamp: string;
  updated_at: string;
}
export interface BadgesTable {
  account_id: string;
  key: string;
  label: string;
  awarded_at: string;
}
export interface KudosTable {
  user_id: string;
  target_kind: 'post' | 'critique' | 'sprint_result' | 'challenge_milestone';
  target_id: string;
  created_at: string;
}
export interface FollowsTable {
  user_id: string;
  followee_kind: 'writer' | 'circle';
  followee_id: string;
  created_at: string;
}
/**
 * Something that happened to a writer: kudos on their things, a new follower, a followed writer's
 * milestone, a mention, the outcome of their report.
 */
export interface ActivityNoticesTable {
  seq: Generated<number>;
  user_id: string;
  kind: 'kudos' | 'follow' | 'milestone' | 'mention' | 'report';
  actor_id: string;
  target_kind: string | null;
  ref_id: string;
  title: string;
  created_at: string;
  /** Where it happened (a mention's circle, a report's circle), when that matters. */
  circle_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A line of its own: a mention's first words, a moderator's reason. */
  body: ColumnType<string, string | undefined, string>;
}
export interface SprintResultsTable {
  sprint_id: string;
  recorded_at: string;
}
export interface ActivityTable {
  id: string;
  actor_id: string;
  circle_id: string | null;
  kind: 'thread' | 'kudos' | 'challenge_milestone' | 'sprint_result' | 'share';
  ref_id: string;
  title: string;
  created_at: string;
}
export interface DiscussionCategoriesTable {
  id: string;
  circle_id: string;
  name: string;
  position: number;
}
export interface DiscussionThreadsTable {
  id: string;
  circle_id: string;
  category_id: string | null;
  author_id: string;
  title: string;
  pinned: number;
  locked: number;
  post_count: number;
  created_at: string;
  last_post_at: string;
}
export interface DiscussionPostsTable {
  id: string;
  thread_id: string;
  author_id: string;
  body: string;
  created_at: string;
  /** Set when a moderator hid the post (moderation). */
  hidden_at?: string | null;
}
export interface ReportsTable {
  id: string;
  /** null: a report of something that belongs to no circle (a profile): the site queue's alone. */
  circle_id: string | null;
  target_kind: ReportTargetKind;
  target_id: string;
  /** The writer of what was reported (migration 0014): whom a warning or sanction from it falls on. */
  author_id: string | null;
  reporter_id: string;
  reason: string;
  note: string;
  status: 'open' | 'hidden' | 'dismissed' | 'actioned';
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}
export interface ModerationLogTable {
  id: string;
  /** null: a site moderator's action (site queue, site suspension or ban, a role granted). */
  circle_id: string | null;
  actor_id: string;
  action: ModerationAction | 'grant' | 'revoke' | 'lift';
  target_kind: ReportTargetKind | 'writer';
  target_id: string;
  /** The writer the action falls on, when it falls on one. */
  subject_id: string | null;
  report_id: string | null;
  reason: string;
  created_at: string;
}
export interface SanctionsTable {
  id: string;
  user_id: string;
  /** null: site-wide. */
  circle_id: string | null;
  kind: SanctionKind;
  reason: string;
  /** When a suspension ends; null for a warning or a ban. */
  until: string | null;
  actor_id: string;
  created_at: string;
}
export interface ThreadMutesTable {
  user_id: string;
  thread_id: string;
  created_at: string;
}
export interface BlocksTable {
  user_id: string;
  blocked_id: string;
  created_at: string;
}
export interface DiscussionReadsTable {
  thread_id: string;
  user_id: string;
  read_at: string;
}
