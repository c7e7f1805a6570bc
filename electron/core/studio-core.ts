import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { fail, ok, StudioError, type Result } from '../../shared/api/result';
import type { SprintPlace } from '../../shared/protocol/community-events';
import type { CommunityStatus, StudioEventName, StudioEvents, StudioOutputs } from '../../shared/api/studio-api';
import { EMPTY_DOCUMENT } from '../../shared/schemas/lexical';
import { studioInputs, type StudioMethod, type StudioParsedInput } from '../../shared/schemas/studio';
import type { Clock } from './clock';
import { createCommunityClient } from './community/community-client';
import { fileTokenVault, type TokenVault } from './community/token-vault';
import { createSprintTracker } from './sprints/sprint-tracker';
import { createSprintView } from '../../shared/protocol/sprint-view';
import { createCritique } from './critique/critique.service';
import { createNotifications } from './notifications/notifications.service';
import { createDirectory } from './directory/directory.service';
import { createDiscussions } from './discussions/discussions.service';
import { createPrompts } from './prompts/prompts.service';
import { createModeration } from './moderation/moderation.service';
import { createActivity } from './activity/activity.service';
import { createProfiles } from './profiles/profiles.service';
import { createChallenges } from './challenges/challenges.service';
import { createSync } from './sync/sync';
import type { DataDirLock } from './data-dir-lock';
import { createBackups, type Restorer } from './backup/backup.service';
import { createRestorableCore } from './backup/restorable-core';
import { createGoals } from './goals/goals.service';
import { createStats } from './stats/stats.service';
import { integrityCheckDue, recordIntegrityCheck } from './db/integrity-schedule';
import { openDatabase } from './db/open-database';
import { createContentRepo, parseContent } from './documents/content.repo';
import { createDocumentsRepo } from './documents/documents.repo';
import { createProjectsRepo } from './projects/projects.repo';
import { createSettingsRepo } from './settings/settings.repo';
import { createSnapshotsRepo } from './snapshots/snapshots.repo';
import { diffProse } from './snapshots/text-diff';
import { createDailyWordsRepo } from './stats/daily-words.repo';
import { zodMessage } from './zod-message';
import { createSearch } from './search/search.service';
import { createReplace } from './replace/replace.service';
import { createExport } from './export/export.service';
import { createImport } from './import/import.service';
import { documentToOpen, projectToOpen } from '../../shared/rules/reopen';

export const STUDIO_VERSION = '0.1.0';
export const DATABASE_FILE = 'margin.db';
export const TOKEN_FILE = 'community-token';

export interface StudioCoreOptions {
  dataDir: string;
  host: 'electron' | 'browser';
  nativeBinding?: string;
  clock?: Clock;
  /** Where the community token is kept; default: a 0600 file in the data directory. */
  tokenVault?: TokenVault;
  /** How this device is named in the writer's devices list. */
  deviceName?: string;
  communityBackoff?: { delayMs: number; maxDelayMs: number };
  /** How long the outbox waits after a failure of the moment (tests shorten it). */
  outboxBackoff?: { baseMs: number; capMs: number };
}

type Handlers = { [M in StudioMethod]: (input: StudioParsedInput<M>) => StudioOutputs[M] | Promise<StudioOutputs[M]> };
type MaybePromise<T> = T | Promise<T>;
type Listener<E extends StudioEventName> = (payload: StudioEvents[E]) => void;

export interface StudioCore {
  /** Validates `input` against the method's schema and runs it; never throws. */
  call<M extends StudioMethod>(method: M, input: unknown): MaybePromise<Result<StudioOutputs[M]>>;
  call(method: string, input: unknown): MaybePromise<Result<unknown>>;
  on<E extends StudioEventName>(event: E, listener: Listener<E>): () => void;
  /** The last value of each event, for a renderer that subscribes late. */
  current<E extends StudioEventName>(event: E): StudioEvents[E];
  readonly db: Database;
  /** Told by the host once the community server it started on this computer is listening. */
  setLocalCommunityUrl(url: string | null): void;
  close(): void;
}

/** The studio: SQLite store, drafts, snapshots and counts behind the validated StudioApi. Knows nothing of Electron. */
export function createStudioCore(options: StudioCoreOptions): StudioCore {
  return createRestorableCore(options, DATABASE_FILE, openStudio);
}

/** One opening of the studio's database. The folder's lock is createRestorableCore's, which reopens the studio to restore a backup. */
function openStudio(options: StudioCoreOptions, lock: DataDirLock, restore: Restorer): StudioCore {
  const clock = options.clock ?? (() => new Date());
  const integrityCheck = integrityCheckDue(options.dataDir, lock.recovered, clock());
  const opened = openDatabase(path.join(options.dataDir, DATABASE_FILE), { nativeBinding: options.nativeBinding, now: clock, integrityCheck });
  if (integrityCheck) recordIntegrityCheck(options.dataDir, clock());
  const { db, notices } = opened;
  const projects = createProjectsRepo(db, clock);
  const documents = createDocumentsRepo(db, clock);
  const content = createContentRepo(db, documents, clock);
  const snapshots = createSnapshotsRepo(db, clock);
  const daily = createDailyWordsRepo(db, clock);
  const backups = createBackups({ db, dataDir: options.dataDir, clock, restore, nativeBinding: options.nativeBinding });
  const settings = createSettingsRepo(db);
  const search = createSearch(db);

  const currentOrEmpty = (id: string) => content.current(id) ?? parseContent(EMPTY_DOCUMENT);

  const listeners = new Map<StudioEventName, Set<Listener<StudioEventName>>>();
  const lastEvent: StudioEvents = {
    'sync:status': { state: 'offline', reason: 'No community server is connected yet.' },
    'sprint:tick': null,
    'sprint:cheer': null,
    'sprints:changed': null,
    'sync:outbox': { pending: 0, failed: [], sending: null, retryAt: null, others: [] },
    'critique:changed': null,
    'goals:changed': null,
    'export:progress': null,
    'notifications:changed': null,
    'directory:changed': null,
    'discussions:changed': null,
    'moderation:changed': null,
    'activity:changed': null,
    'profiles:changed': null,
    'challenges:changed': null,
    'prompts:changed': null,
  };
  const emit = <E extends StudioEventName>(event: E, payload: StudioEvents[E]) => {
    lastEvent[event] = payload;
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const goals = createGoals({ db, clock, daily, projectWords: projects.wordCount, assertProject: (id) => void projects.get(id), onChanged: (progress) => emit('goals:changed', progress) });
  const stats = createStats({ db, clock, rules: goals.rules, assertProject: (id) => void projects.get(id) });

  // The community: the local server (started by the host) unless the writer chose another.
  let localCommunityUrl: string | null = null;
  const community = createCommunityClient({
    vault: options.tokenVault ?? fileTokenVault(path.join(options.dataDir, TOKEN_FILE)),
    deviceName: options.deviceName ?? `${os.hostname()} (Margin ${options.host === 'electron' ? 'desktop' : 'browser mode'})`,
    onStatus: (status) => emit('sync:status', status),
    backoff: options.communityBackoff,
    // The same clock as every stamp the core makes, so the server offset corrects that clock.
    now: () => clock().getTime(),
  });
  const sprintView = createSprintView();
  const showPlace = (place: SprintPlace) => {
    const view = sprintView.place(place);
    if (view) emit('sprint:tick', sprints.decorate(view));
  };
  // The one outbox and change feed every community feature plugs into.
  const sync = createSync({ db, clock, community, backoff: options.outboxBackoff, onOutbox: (status) => emit('sync:outbox', status) });
  const sprints = createSprintTracker(db, community, sync, showPlace, () => clock().getTime());
  community.onServer('sprint:tick', (tick) => emit('sprint:tick', sprints.decorate(sprintView.tick(tick))));
  community.onServer('sprint:place', showPlace);
  community.onServer('sprint:cheer', ({ sprintId, from, toUserId, reaction }) => emit('sprint:cheer', { sprintId, from, toUserId, reaction }));
  community.onServer('circle:sprintCreated', () => emit('sprints:changed', { at: Date.now() }));
  const notifications = createNotifications({ db, clock, community, owner: () => sync.owner()?.id ?? null, onChanged: (summary) => emit('notifications:changed', summary) });
  const discussions = createDiscussions({ db, clock, community, sync, onChanged: ({ circleId, threadId }) => emit('discussions:changed', { at: Date.now(), circleId, threadId }) });
  const challenges = createChallenges({ db, clock, daily, community, sync, onChanged: (challengeId) => emit('challenges:changed', { at: Date.now(), challengeId }) });
  const moderation = createModeration({
    db,
    community,
    sync,
    onChanged: (change) => emit('moderation:changed', change),
    onBlocked: (shareIds) => {
      emit('discussions:changed', { at: Date.now(), circleId: null, threadId: null });
      emit('critique:changed', { at: Date.now(), shareIds });
    },
    onMuted: (threadId) => emit('discussions:changed', { at: Date.now(), circleId: null, threadId }),
  });
  const profiles = createProfiles({
    db,
    clock,
    community,
    sync,
    projects,
    onChanged: () => emit('profiles:changed', { at: Date.now() }),
    // The writer's own posts, comments and critiques kept here show their new name.
    onRenamed: (shareIds) => {
      emit('discussions:changed', { at: Date.now(), circleId: null, threadId: null });
      if (shareIds.length) emit('critique:changed', { at: Date.now(), shareIds });
    },
  });
  const activity = createActivity({ db, community, sync, onChanged: ({ targetId }) => emit('activity:changed', { at: Date.now(), targetId }) });
  const critique = createCritique({
    arrived: notifications.arrived,
    db,
    clock,
    community,
    documents,
    content,
    sync,
    onChanged: ({ shareIds }) => emit('critique:changed', { at: Date.now(), shareIds }),
  });
  const prompts = createPrompts({
    db,
    clock,
    community,
    sync,
    documents: { create: (projectId, parentId, title) => (projects.get(projectId), documents.create(projectId, parentId, title)), get: (id) => documents.get(id) },
    publish: (input) => critique.handlers['shares.publish']({ readerIds: [], queue: false, ...input }),
    thread: (threadId) => Promise.resolve(discussions.handlers['discussions.thread']({ threadId })),
    reply: (threadId, body) => Promise.resolve(discussions.handlers['discussions.reply']({ threadId, body })),
    onChanged: (circleId) => emit('prompts:changed', { at: Date.now(), circleId }),
  });
  lastEvent['sync:outbox'] = sync.engine.status();
  const communityTarget = () => settings.get().communityUrl ?? localCommunityUrl;
  const reconnectCommunity = () => {
    const target = communityTarget();
    // Sessions signed out offline are ended on their server: the local one is "local" whatever its port.
    if (target !== community.url) community.connect(target, settings.get().communityUrl ?? 'local');
  };
  const communityStatus = (): CommunityStatus => {
    const chosen = settings.get().communityUrl;
    return { url: chosen ?? localCommunityUrl, isLocal: chosen === null, account: community.account, sync: community.status };
  };
  const orThrow = <T>(result: Result<T>): T => {
    if (!result.ok) throw new StudioError(result.error.code, result.error.message);
    return result.data;
  };

  const handlers: Handlers = {
    'app.info': () => ({ version: STUDIO_VERSION, dataDir: options.dataDir, host: options.host, notices }),
    'projects.list': () => projects.list(),
    'projects.create': ({ title }) => projects.create(title),
    'projects.rename': ({ id, title }) => projects.rename(id, title),
    'projects.archive': ({ id, archived }) => projects.archive(id, archived),
    'projects.trash': ({ id }) => projects.trash(id),
    'projects.restore': ({ id }) => projects.restore(id),
    'projects.trashed': () => projects.trashed(),
    'documents.setPlace': ({ id, place }) => content.setPlace(id, place),
    'documents.tree': ({ projectId }) => (projects.get(projectId), documents.tree(projectId)),
    'documents.trashed': ({ projectId }) => (projects.get(projectId), documents.trashed(projectId)),
    'documents.create': ({ projectId, parentId, title }) => {
      projects.get(projectId);
      return documents.create(projectId, parentId, title);
    },
    'documents.rename': ({ id, title }) => documents.rename(id, title),
    'documents.move': ({ id, parentId, index }) => documents.move(id, parentId, index),
    'documents.trash': ({ id }) => documents.trash(id),
    'documents.restore': ({ id }) => documents.restore(id),
    'documents.open': ({ id }) => {
      const doc = content.open(id);
      projects.opened(doc.projectId, id);
      return doc;
    },
    // Start-up in one request (shared/rules/reopen.ts): the renderer asks before anything else.
    'documents.reopen': () => {
      const project = projectToOpen(projects.list());
      const target = project && documentToOpen(documents.tree(project.id), project.lastDocumentId);
      if (target) projects.opened(project.id, target.id);
      return { projectId: project?.id ?? null, document: target ? content.open(target.id) : null };
    },
    'documents.save': ({ id, content: json }) => {
      const doc = documents.get(id);
      const parsed = parseContent(json); // outside the transaction: parsing a novel takes a moment
      const saved = db.transaction(() => {
        const { previousWords } = content.write(id, parsed);
        if (!doc.trashedAt) daily.add(doc.projectId, parsed.wordCount - previousWords);
        projects.touch(doc.projectId);
        return {
          wordCount: parsed.wordCount,
          projectWordCount: projects.wordCount(doc.projectId),
          todayWords: daily.today(doc.projectId).words,
          savedAt: clock().toISOString(),
        };
      })();
      sprints.afterSave(); // sprint words come from the manuscript, once it is saved
      if (!doc.trashedAt) profiles.afterSave(doc.projectId, saved.projectWordCount); // the project shown on the profile follows
      return saved;
    },
    'snapshots.list': ({ documentId }) => (documents.get(documentId), snapshots.list(documentId)),
    'snapshots.create': ({ documentId, name }) => {
      documents.get(documentId);
      return snapshots.create(documentId, name, 'manual', currentOrEmpty(documentId));
    },
    'snapshots.diff': ({ id }) => {
      const snapshot = snapshots.get(id);
      return diffProse(snapshot.plainText, currentOrEmpty(snapshot.documentId).plainText);
    },
    // Restoring keeps the current text as an automatic snapshot first: nothing is ever lost.
    // It does not count toward today's words: restoring is not writing.
    'snapshots.restore': ({ id }) => {
      const snapshot = snapshots.get(id);
      db.transaction(() => {
        snapshots.create(snapshot.documentId, `Before restoring “${snapshot.name}”`, 'auto', currentOrEmpty(snapshot.documentId));
        content.write(snapshot.documentId, snapshot);
      })();
      return content.open(snapshot.documentId);
    },
    'stats.today': ({ projectId }) => (projects.get(projectId), daily.today(projectId)),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
    'community.status': () => communityStatus(),
    'community.setServer': ({ url }) => {
      settings.set({ communityUrl: url });
      reconnectCommunity();
      return communityStatus();
    },
    'community.register': async ({ username, password }) => (orThrow(await community.register(username, password)), communityStatus()),
    'community.signIn': async ({ username, password }) => (orThrow(await community.signIn(username, password)), communityStatus()),
    'community.signOut': async () => (await community.signOut(), communityStatus()),
    'community.devices': async () => orThrow(await community.devices()),
    'community.revokeDevice': async ({ id }) => (orThrow(await community.revokeDevice(id)), orThrow(await community.devices())),
    'sprints.list': async () => orThrow(await community.request('sprint:list', {})),
    'sprints.create': async (input) => {
      const sprint = orThrow(await community.request('sprint:create', input));
      sprints.track(sprint);
      return sprint;
    },
    'sprints.join': async ({ sprintId }) => {
      const sprint = orThrow(await community.request('sprint:join', { sprintId }));
      sprints.track(sprint);
      return sprint;
    },
    'sprints.leave': async ({ sprintId }) => {
      orThrow(await community.request('sprint:leave', { sprintId }));
      sprints.forget(sprintId);
      sprintView.forget(sprintId);
      emit('sprint:tick', null);
      return null;
    },
    'sprints.cheer': async (input) => orThrow(await community.request('sprint:cheer', input)),
    'sprints.results': async ({ sprintId }) => orThrow(await community.request('sprint:results', { sprintId })),
    'sprints.history': async () => orThrow(await community.request('sprint:history', {})),
    // Circles are managed online; sharing with them (below) works offline too.
    'circles.list': async () => orThrow(await community.request('circle:list', {})),
    'circles.create': async (input) => orThrow(await community.request('circle:create', input)),
    'circles.invite': async (input) => orThrow(await community.request('circle:invite', input)),
    'circles.join': async (input) => orThrow(await community.request('circle:join', input)),
    'circles.members': async (input) => orThrow(await community.request('circle:members', input)),
    ...critique.handlers,
    ...notifications.handlers,
    ...createDirectory({ community, onChanged: (change) => emit('directory:changed', change) }).handlers,
    ...discussions.handlers,
    ...moderation.handlers,
    ...activity.handlers,
    ...profiles.handlers,
    ...challenges.handlers,
    ...prompts.handlers,
    ...backups.handlers,
    ...goals.handlers,
    ...stats.handlers,
    ...search.handlers,
    ...createReplace({ db, documents, content, projects, snapshots }).handlers,
    ...createExport({ db, dataDir: options.dataDir, clock, projects, documents, content, onProgress: (p) => emit('export:progress', p) }).handlers,
    ...createImport({ db, projects, documents, content }).handlers,
    ...sync.handlers,
  };
  reconnectCommunity();

  return {
    db,
    call(method: string, input: unknown): Result<never> {
      if (!Object.hasOwn(studioInputs, method)) return fail('unknown_method', `There is no studio method "${String(method).slice(0, 60)}".`);
      const m = method as StudioMethod;
      const parsed = studioInputs[m].safeParse(input ?? {});
      if (!parsed.success) return fail('invalid_input', zodMessage(m, parsed.error));
      try {
        const value = (handlers[m] as (input: unknown) => unknown)(parsed.data);
        if (value instanceof Promise) return value.then((data) => ok(data), toFailure) as never;
        return ok(value) as Result<never>;
      } catch (error) {
        return toFailure(error);
      }
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as Listener<StudioEventName>);
      return () => set.delete(listener as Listener<StudioEventName>);
    },
    current: (event) => lastEvent[event],
    setLocalCommunityUrl(url) {
      localCommunityUrl = url;
      reconnectCommunity();
    },
    close: () => {
      critique.close();
      discussions.close();
      activity.close();
      notifications.close();
      prompts.close();
      challenges.close();
      moderation.close();
      profiles.close();
      sprints.close();
      sync.close();
      community.close();
      backups.close();
      goals.close();
      search.close();
      db.close();
    },
  } as StudioCore;
}

function toFailure(error: unknown): Result<never> {
  if (error instanceof StudioError) return fail(error.code, error.message);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return fail('database_locked', 'The studio database is busy or locked by another program; your change was not saved yet. Try again.');
  }
  if (code === 'SQLITE_FULL') return fail('unavailable', 'The disk is full; your change was not saved yet.');
  // Unexpected: log the detail on the core's side, give the renderer a message, not a stack.
  console.error('[margin core]', error);
  return fail('internal', 'Something went wrong in the studio core; nothing saved was changed.');
}
