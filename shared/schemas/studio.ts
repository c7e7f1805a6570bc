import { z } from 'zod';
import { backupInputs } from './backup';
import { goalsInputs } from './goals';
import { MAX_CONTENT_BYTES } from './lexical';
import { communityInputs, HttpUrl, Password, Username } from '../protocol/community-schemas';
import { projectInputs } from './projects';
import { notificationsInputs } from './notifications';
import { SettingsPatch, Theme } from './settings';
import { exportInputs } from './export';
import { importInputs } from './import';
import { replaceInputs } from './replace';
import { searchInputs } from './search';
import { directoryInputs } from './directory';
import { discussionsInputs } from './discussions';
import { moderationInputs } from './moderation';
import { activityInputs } from './activity';
import { promptsInputs } from './prompts';
import { profilesInputs } from './profiles';
import { challengesInputs } from './challenges';
import { CommentBody, ShareNote, ShareTitle, syncOpSchema, TextAnchorSchema } from '../protocol/critique-schemas';

/** Ids are UUIDs made where the thing is created (DESIGN.md: Contracts). */
export const Id = z.uuid();
export const Title = z.string().trim().min(1, 'A title cannot be empty.').max(200);
/** Serialized Lexical JSON. Its shape is checked by `parseLexicalState` in the core. */
export const Content = z.string().max(MAX_CONTENT_BYTES, 'A document may hold at most 20 MB.');
export { Theme };

const none = z.object({}).strict();
const byId = z.object({ id: Id }).strict();

/** Input schema of every StudioApi method, keyed `domain.method`. The core validates with these. */
export const studioInputs = {
  'app.info': none,
  'projects.list': none,
  'projects.create': z.object({ title: Title }).strict(),
  'projects.rename': z.object({ id: Id, title: Title }).strict(),
  'documents.tree': z.object({ projectId: Id }).strict(),
  'documents.trashed': z.object({ projectId: Id }).strict(),
  'documents.create': z
    .object({ projectId: Id, parentId: Id.nullable().default(null), title: Title })
    .strict(),
  'documents.rename': z.object({ id: Id, title: Title }).strict(),
  'documents.move': z
    .object({ id: Id, parentId: Id.nullable(), index: z.number().int().min(0).max(100_000) })
    .strict(),
  'documents.trash': byId,
  'documents.restore': byId,
  'documents.open': byId,
  'documents.save': z.object({ id: Id, content: Content }).strict(),
  'snapshots.list': z.object({ documentId: Id }).strict(),
  'snapshots.create': z.object({ documentId: Id, name: Title }).strict(),
  'snapshots.diff': byId,
  'snapshots.restore': byId,
  'stats.today': z.object({ projectId: Id }).strict(),
  'settings.get': none,
  'settings.set': SettingsPatch,
  'community.status': none,
  /** null: the community server Margin runs on this computer. */
  'community.setServer': z.object({ url: HttpUrl.nullable() }).strict(),
  'community.register': z.object({ username: Username, password: Password }).strict(),
  'community.signIn': z.object({ username: Username, password: Password }).strict(),
  'community.signOut': none,
  'community.devices': none,
  'community.revokeDevice': byId,
  'sprints.list': none,
  // The same payloads the server validates: one schema, checked at both boundaries.
  'sprints.create': communityInputs['sprint:create'],
  'sprints.join': communityInputs['sprint:join'],
  'sprints.leave': communityInputs['sprint:leave'],
  'sprints.cheer': communityInputs['sprint:cheer'],
  'sprints.results': communityInputs['sprint:results'],
  'sprints.history': none,
  'circles.list': none,
  'circles.create': communityInputs['circle:create'],
  'circles.invite': communityInputs['circle:invite'],
  'circles.join': communityInputs['circle:join'],
  'circles.members': communityInputs['circle:members'],
  'shares.list': none,
  /** Shares documents as a new immutable version: a new share, or an update of `shareId`. */
  'shares.publish': z
    .object({
      documentIds: z.array(Id).min(1).max(50),
      shareId: Id.optional(),
      circleId: Id,
      readerIds: z.array(Id).max(50).default([]),
      title: ShareTitle,
      note: ShareNote.default(''),
      queue: z.boolean().default(false),
    })
    .strict(),
  'shares.revoke': z.object({ shareId: Id }).strict(),
  'shares.open': z.object({ shareId: Id, versionId: Id.optional() }).strict(),
  'comments.add': z.object({ shareId: Id, versionId: Id, parentId: Id.nullable().default(null), body: CommentBody, anchor: TextAnchorSchema.nullable().default(null) }).strict(),
  'comments.setFlag': syncOpSchema.options[4].omit({ kind: true, hlc: true }),
  'comments.forDocument': z.object({ documentId: Id }).strict(),
  'comments.passageDiff': z.object({ commentId: Id }).strict(),
  'critiques.submit': syncOpSchema.options[3].omit({ kind: true, critiqueId: true }),
  'credits.get': z.object({ circleId: Id }).strict(),
  'credits.setRules': communityInputs['credits:setRules'],
  'sync.outbox': none,
  'sync.retryFailed': none,
  /** Discards what the community refused for one comment, critique or share (never what only waits). */
  'sync.discard': z.object({ entityId: Id }).strict(),
  ...projectInputs,
  ...backupInputs,
  ...goalsInputs,
  ...notificationsInputs,
  ...searchInputs,
  ...directoryInputs,
  ...discussionsInputs,
  ...moderationInputs,
  ...promptsInputs,
  ...activityInputs,
  ...profilesInputs,
  ...challengesInputs,
  ...replaceInputs,
  ...exportInputs,
  ...importInputs,
} as const;

export type StudioMethod = keyof typeof studioInputs;
export type StudioInput<M extends StudioMethod> = z.input<(typeof studioInputs)[M]>;
export type StudioParsedInput<M extends StudioMethod> = z.output<(typeof studioInputs)[M]>;
export const studioMethodNames = Object.keys(studioInputs) as StudioMethod[];
