import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StudioApi } from '../../../shared/api/studio-api';
import { createCritiqueStore, type CritiqueStore } from '../panels/critique/critique-store';
import { createSprintStore, type SprintStore } from '../panels/sprint/sprint-store';
import { createNotificationsStore, type NotificationsStore } from '../panels/notifications/notifications-store';
import { createDirectoryStore, type DirectoryStore } from '../panels/directory/directory-store';
import { createDiscussionsStore, type DiscussionsStore } from '../panels/discussions/discussions-store';
import { createModerationStore, type ModerationStore } from '../panels/moderation/moderation-store';
import { createActivityStore, type ActivityStore } from '../panels/activity/activity-store';
import { createProfilesStore, type ProfilesStore } from '../panels/profiles/profiles-store';
import { createChallengesStore, type ChallengesStore } from '../panels/challenges/challenges-store';
import { createInviteStore, type InviteStore } from '../panels/circles/invite-store';
import { createPromptsStore, type PromptsStore } from '../panels/prompts/prompts-store';

/** One store per community feature, made once for the app; each subscribes to the core's events itself. */
export interface Stores {
  critique: CritiqueStore;
  sprint: SprintStore;
  notifications: NotificationsStore;
  directory: DirectoryStore;
  discussions: DiscussionsStore;
  moderation: ModerationStore;
  activity: ActivityStore;
  profiles: ProfilesStore;
  challenges: ChallengesStore;
  invite: InviteStore;
  prompts: PromptsStore;
}

export const createStores = (api: StudioApi): Stores => ({ critique: createCritiqueStore(api), sprint: createSprintStore(api), notifications: createNotificationsStore(api), directory: createDirectoryStore(api), discussions: createDiscussionsStore(api), moderation: createModerationStore(api), activity: createActivityStore(api), profiles: createProfilesStore(api), challenges: createChallengesStore(api), invite: createInviteStore(api), prompts: createPromptsStore(api) });

export const StoresContext = createContext<Stores | null>(null);

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('useStores outside <StoresContext.Provider>');
  return stores;
}

/** Reads `read(store)` and re-renders when the store says it changed. */
export function useStore<S extends { subscribe(listener: () => void): () => void }, T>(store: S, read: (store: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => read(store));
}
