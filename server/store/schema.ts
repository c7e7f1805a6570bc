import type { Generated } from 'kysely';
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
export type CommentsTable = StoredComment;
export type CritiquesTable = StoredCritique;
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
  feed: FeedTable;
  sprints: SprintsTable;
  sprint_writers: SprintWritersTable;
  users: UsersTable;
  sessions: SessionsTable;
  circles: CirclesTable;
  circle_members: CircleMembersTable;
  circle_invites: CircleInvitesTable;
}
