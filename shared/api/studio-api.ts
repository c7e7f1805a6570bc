import type { Account, Circle, CircleMember, CommentRecord, CreditEntry, CritiqueRecord, Device, Invite, SharedDraft, Sprint, SprintResult, SprintTick } from '../protocol/community-events';
import type { CreditRules } from '../protocol/critique-schemas';
import type { AnchorMatch } from '../text/anchor';
import type { StudioInput, StudioMethod } from '../schemas/studio';
import type { BackupOutputs } from './backup';
import type { GoalProgress, GoalsOutputs } from './goals';
import type { DocumentPlace, ProjectOutputs } from './projects';
import type { ExportOutputs, ExportProgress } from './export';
import type { ImportOutputs } from './import';
import type { ReplaceOutputs } from './replace';
import type { SearchOutputs } from './search';
import type { NotificationsOutputs, NotificationsSummary } from './notifications';
import type { DirectoryChange, DirectoryStudioOutputs } from './directory';
import type { DiscussionsStudioOutputs } from './discussions';
import type { PromptsChange, PromptsStudioOutputs } from './prompts';
import type { ModerationChange, ModerationStudioOutputs } from './moderation';
import type { ActivityStudioOutputs } from './activity';
import type { ProfilesStudioOutputs } from './profiles';
import type { ChallengesStudioOutputs } from './challenges';

export interface AppInfo {
  version: string;
  dataDir: string;
  host: 'electron' | 'browser';
  /** Things the writer must be told once, e.g. a damaged database that was moved aside. */
  notices: string[];
}

export interface Project {
  id: string;
  title: string;
  wordCount: number;
  createdAt: string;
  updatedAt: string;
  /** Set while the project is archived: kept whole, out of the project menu. */
  archivedAt: string | null;
  /** Set while the project is in the trash. */
  trashedAt: string | null;
  /** When a document of it was last opened; the studio reopens the most recent. */
  openedAt: string | null;
  lastDocumentId: string | null;
}

export interface DocumentNode {
  id: string;
  projectId: string;
  parentId: string | null;
  title: string;
  position: number;
  wordCount: number;
  updatedAt: string;
  trashedAt: string | null;
}

export interface OpenDocument {
  id: string;
  projectId: string;
  title: string;
  /** Serialized Lexical state, or null for a document never written in. */
  content: string | null;
  wordCount: number;
  updatedAt: string;
  /** Where the writer left off, or null the first time. */
  place: DocumentPlace | null;
}

export interface SaveResult {
  wordCount: number;
  projectWordCount: number;
  todayWords: number;
  savedAt: string;
}

export interface Snapshot {
  id: string;
  documentId: string;
  name: string;
  kind: 'manual' | 'auto';
  wordCount: number;
  createdAt: string;
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface TodayStats {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** Net words added today in this project. */
  words: number;
}

export interface Settings {
  theme: 'light' | 'dark';
  focusMode: boolean;
  /** The community server; null means the one Margin runs on this computer. */
  communityUrl: string | null;
  binderOpen: boolean;
  sidebarOpen: boolean;
  /** Typographer's quotes and dashes as you type. */
  smartQuotes: boolean;
  /** Keeps the line being written in the middle of the window. */
  typewriter: boolean;
  editorFont: 'literata' | 'serif' | 'sans';
  /** Pixels. */
  editorFontSize: number;
  /** Characters per line of the text column. */
  lineWidth: number;
  /** The first-run question (write alone, join a community, host one) was answered. */
  welcomed: boolean;
}

export interface CommunityStatus {
  /** The server in use (the local one's address when communityUrl is null), or null if none is known yet. */
  url: string | null;
  isLocal: boolean;
  account: Account | null;
  sync: SyncStatus;
}

export type SyncStatus =
  /** signedOut: the server answers but no one is signed in (so it is not "offline"). */
  | { state: 'offline'; reason: string; signedOut?: boolean }
  | { state: 'connecting' }
  | { state: 'online'; server: string }
  | { state: 'error'; reason: string };

/** Where an item stands on its way to the community: written here, acknowledged, or refused (with why). */
export type SyncState = 'pending' | 'synced' | 'failed';
export interface Synced {
  syncState: SyncState;
  syncError: string | null;
}

export interface LocalShare extends SharedDraft, Synced {
  role: 'author' | 'reader';
  /** The author's documents it was made from (empty on a reader's machine). */
  documentIds: string[];
  comments: number;
  unresolved: number;
  critiques: number;
}

export type ReviewComment = CommentRecord & Synced;
export type ReviewCritique = CritiqueRecord & Synced;

/** An inline comment and its replies; `match` is where its passage is in the text being shown. */
export interface Thread {
  root: ReviewComment;
  replies: ReviewComment[];
  versionNumber: number;
  /** 'marked': the passage carries the comment's mark, which followed the author's edits. */
  match: (Omit<AnchorMatch, 'how'> & { how: AnchorMatch['how'] | 'marked' }) | null;
}

/** The author's review of one document: threads in text order, the detached ones, overall critiques. */
export interface DocumentReview {
  shares: LocalShare[];
  threads: Thread[];
  detached: Thread[];
  critiques: ReviewCritique[];
}

/** A shared draft opened read-only, as a critiquer (or its author) sees it. */
export interface ShareView {
  share: LocalShare;
  version: { id: string; number: number; content: string | null; invalidReason: string | null };
  threads: Thread[];
  detached: Thread[];
  critiques: ReviewCritique[];
  me: { id: string; displayName: string } | null;
}

export interface PassageDiff {
  fromVersion: number;
  toVersion: number;
  found: boolean;
  parts: DiffPart[];
}

export interface Credits {
  circleId: string;
  balance: number;
  entries: CreditEntry[];
  /** The circle's settings, when the server could be asked. */
  rules: CreditRules | null;
}

export interface OutboxStatus {
  pending: number;
  /** Refused operations, with the comment, critique or share each belongs to (`sync.discard` takes it). */
  failed: { opId: string; kind: string; entityId: string; error: string }[];
  /** While a flush runs: how many of how many are through. */
  sending: { done: number; total: number } | null;
  /** When waiting operations are tried again after a failure of the moment (ms since epoch), or null. */
  retryAt: number | null;
  /** What waits for other accounts (signed out, or on another server): sent when that account signs in again. */
  others: { displayName: string; server: string; pending: number; failed: number }[];
}

/** What every StudioApi method answers. Keys must match `studioInputs` exactly. */
export interface StudioOutputs extends BackupOutputs, GoalsOutputs, ProjectOutputs, SearchOutputs, ReplaceOutputs, ExportOutputs, ImportOutputs, NotificationsOutputs, DirectoryStudioOutputs, DiscussionsStudioOutputs, ModerationStudioOutputs, ActivityStudioOutputs, ProfilesStudioOutputs, ChallengesStudioOutputs, PromptsStudioOutputs {
  'app.info': AppInfo;
  'projects.list': Project[];
  'projects.create': Project;
  'projects.rename': Project;
  'documents.tree': DocumentNode[];
  'documents.trashed': DocumentNode[];
  'documents.create': DocumentNode;
  'documents.rename': DocumentNode;
  'documents.move': DocumentNode[];
  'documents.trash': DocumentNode;
  'documents.restore': DocumentNode;
  'documents.open': OpenDocument;
  'documents.save': SaveResult;
  'snapshots.list': Snapshot[];
  'snapshots.create': Snapshot;
  'snapshots.diff': DiffPart[];
  'snapshots.restore': OpenDocument;
  'stats.today': TodayStats;
  'settings.get': Settings;
  'settings.set': Settings;
  'community.status': CommunityStatus;
  'community.setServer': CommunityStatus;
  'community.register': CommunityStatus;
  'community.signIn': CommunityStatus;
  'community.signOut': CommunityStatus;
  'community.devices': Device[];
  'community.revokeDevice': Device[];
  'sprints.list': Sprint[];
  'sprints.create': Sprint;
  'sprints.join': Sprint;
  'sprints.leave': null;
  'sprints.cheer': null;
  'sprints.results': SprintResult;
  'sprints.history': SprintResult[];
  'circles.list': Circle[];
  'circles.create': Circle;
  'circles.invite': Invite;
  'circles.join': Circle;
  'circles.members': CircleMember[];
  'shares.list': LocalShare[];
  'shares.publish': LocalShare;
  'shares.revoke': LocalShare;
  'shares.open': ShareView;
  'comments.add': ReviewComment;
  'comments.setFlag': null;
  'comments.forDocument': DocumentReview;
  'comments.passageDiff': PassageDiff;
  'critiques.submit': ReviewCritique;
  'credits.get': Credits;
  'credits.setRules': CreditRules;
  'sync.outbox': OutboxStatus;
  'sync.retryFailed': OutboxStatus;
  'sync.discard': OutboxStatus;
}

/** A sprint tick as the renderer gets it: with the server clock offset and the studio's own count. */
export type StudioSprintTick = SprintTick & { offsetMs: number; localWords: number | null; title: string };

// Compile-time check that outputs and input schemas name the same methods.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const methodsMatch: Exact<keyof StudioOutputs, StudioMethod> = true;

/** Events the core pushes to the renderer. */
export interface StudioEvents {
  'sync:status': SyncStatus;
  'sprint:tick': StudioSprintTick | null;
  'sprint:cheer': { sprintId: string; from: string; toUserId: string; reaction: string } | null;
  /** Sprints the writer may join changed (one was planned in their circles): the list reloads. */
  'sprints:changed': { at: number } | null;
  'sync:outbox': OutboxStatus;
  /**
   * Shares, comments, critiques or credits changed (from the feed or from this studio): the
   * shares whose views need refreshing (empty when only credits or lists changed).
   */
  /** Where the project in view (or last written in) stands against its goals, after every save. */
  'goals:changed': GoalProgress | null;
  'critique:changed': { at: number; shareIds: string[] } | null;
  /** A long export's progress (export.run's exportId tells whose). */
  'export:progress': ExportProgress | null;
  /** The notification centre's unread counts moved; `alert` is one to show on the desktop. */
  'notifications:changed': NotificationsSummary | null;
  /** Someone asked to join one of the writer's circles, or the writer's request was decided. */
  'directory:changed': DirectoryChange | null;
  /** Threads of a circle changed: written here, settled by the outbox, or posted by others (null ids: reload all). */
  'discussions:changed': { at: number; circleId: string | null; threadId: string | null } | null;
  /** A report arrived in a circle the writer moderates, or the writer's own report was decided. */
  'moderation:changed': ModerationChange | null;
  /** Kudos the writer gave changed here or settled in the outbox, or a follow changed: the feed and kudos buttons reload. */
  'activity:changed': { at: number; targetId: string | null } | null;
  /** The writer's own profile changed here or settled in the outbox (a save can move the word count shown). */
  'profiles:changed': { at: number } | null;
  /** A challenge's count moved (a save, a total sent) or the writer joined or withdrew (null id: reload the list). */
  'challenges:changed': { at: number; challengeId: string | null } | null;
  /** A prompt library changed, or today's prompt may have (null circle: the open library). */
  'prompts:changed': PromptsChange | null;
}
export type StudioEventName = keyof StudioEvents;
/** Every event, for the hosts that forward them (IPC, WebSocket). */
export const studioEventNames: StudioEventName[] = ['sprints:changed', 'goals:changed', 'sync:status', 'sprint:tick', 'sprint:cheer', 'sync:outbox', 'critique:changed', 'export:progress', 'notifications:changed', 'directory:changed', 'discussions:changed', 'moderation:changed', 'activity:changed', 'challenges:changed', 'profiles:changed', 'prompts:changed'];

type Domain<M> = M extends `${infer D}.${string}` ? D : never;
type MethodsOf<D extends string> = {
  [M in StudioMethod as M extends `${D}.${infer Name}` ? Name : never]: {} extends StudioInput<M>
    ? (input?: StudioInput<M>) => Promise<StudioOutputs[M]>
    : (input: StudioInput<M>) => Promise<StudioOutputs[M]>;
};

/**
 * The renderer's only door to the world (`window.margin` in Electron, a WebSocket in
 * browser mode): methods grouped by domain, plus typed events.
 */
export type StudioApi = { [D in Domain<StudioMethod>]: MethodsOf<D> } & {
  on<E extends StudioEventName>(event: E, listener: (payload: StudioEvents[E]) => void): () => void;
};

/** The flat form every transport carries: one method name and one argument. */
export type StudioCall = <M extends StudioMethod>(method: M, input: unknown) => Promise<StudioOutputs[M]>;
