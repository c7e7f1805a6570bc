import type { CircleListing, DirectoryPage, JoinAnswer, JoinRequest } from '../protocol/directory-events';

export type { CircleListing, DirectoryCircle, DirectoryPage, JoinAnswer, JoinRequest } from '../protocol/directory-events';

export interface DirectoryStudioOutputs {
  'directory.search': DirectoryPage;
  'directory.join': JoinAnswer;
  'directory.requests': JoinRequest[];
  'directory.decide': null;
  'directory.setListing': CircleListing;
}

/** Pushed when someone asked to join one of the writer's circles, or the writer's own request was decided. */
export type DirectoryChange = { at: number } & (
  | { kind: 'requested'; circleId: string; displayName: string }
  | { kind: 'decided'; circleId: string; name: string; accepted: boolean }
);
