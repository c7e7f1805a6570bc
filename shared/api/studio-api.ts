import type { Account, Device, Sprint, SprintResult, SprintTick } from '../protocol/community-events';
import type { StudioInput, StudioMethod } from '../schemas/studio';

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
}

export interface CommunityStatus {
  /** The server in use (the local one's address when communityUrl is null), or null if none is known yet. */
  url: string | null;
  isLocal: boolean;
  account: Account | null;
  sync: SyncStatus;
}

export type SyncStatus =
  | { state: 'offline'; reason: string }
  | { state: 'connecting' }
  | { state: 'online'; server: string }
  | { state: 'error'; reason: string };

/** What every StudioApi method answers. Keys must match `studioInputs` exactly. */
export interface StudioOutputs {
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
}

/** A sprint tick as the renderer gets it: with the server clock offset and the studio's own count. */
export type StudioSprintTick = SprintTick & { offsetMs: number; localWords: number | null };

// Compile-time check that outputs and input schemas name the same methods.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const methodsMatch: Exact<keyof StudioOutputs, StudioMethod> = true;

/** Events the core pushes to the renderer. */
export interface StudioEvents {
  'sync:status': SyncStatus;
  'sprint:tick': StudioSprintTick | null;
  'sprint:cheer': { sprintId: string; from: string; toUserId: string; reaction: string } | null;
}
export type StudioEventName = keyof StudioEvents;
/** Every event, for the hosts that forward them (IPC, WebSocket). */
export const studioEventNames: StudioEventName[] = ['sync:status', 'sprint:tick', 'sprint:cheer'];

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
