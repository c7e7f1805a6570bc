import type { WorkingOn } from '../../../shared/protocol/profiles-events';
import type { ProfilePrivacy } from '../../../shared/rules/profiles';
import type { CommunityClient } from '../community/community-client';
import type { OpKinds } from '../sync/op-kinds';

/** The whole profile as last saved: a newer one replaces one still waiting. */
export interface ProfileUpdateOp {
  kind: 'profile.update';
  displayName: string;
  bio: string;
  genres: string[];
  workingOn: WorkingOn | null;
  stamp: string;
}
export interface ProfilePrivacyOp {
  kind: 'profile.privacy';
  privacy: ProfilePrivacy;
  stamp: string;
}

export interface ProfilesOpsOptions {
  community: Pick<CommunityClient, 'request'>;
  /** A fresh clock stamp, for a retry the writer asks for. */
  stamp: () => string;
  touched: () => void;
  /**
   * The server took a profile with this name. A studio that signed in while it waited was told the
   * old name by the server: the name is put right again.
   */
  named?: (displayName: string) => void;
}

/**
 * Profiles' operation kinds in the one outbox, both coalescing (only the latest profile and the
 * latest privacy matter) and keyed by the account id, so the status bar shows one entity. Each
 * goes by its own request; the server keeps whichever stamp is newest, so a resend is harmless.
 */
export function registerProfilesOps(kinds: OpKinds, { community, stamp, touched, named }: ProfilesOpsOptions): () => void {
  const common = {
    dependsOn: () => [],
    coalesce: true,
    settle: () => touched(),
    acknowledged: () => touched(),
    // Nothing to put back: the studio's copy is what the writer wrote; the next read from the server corrects it.
    discard: () => (touched(), []),
  };
  const disposers = [
    kinds.register<ProfileUpdateOp>({
      ...common,
      kind: 'profile.update',
      send: ({ kind: _, ...input }) => community.request('profile:update', input),
      beforeRetry: (op) => ({ ...op, stamp: stamp() }),
      acknowledged: (op) => {
        named?.(op.displayName);
        touched();
      },
    }),
    kinds.register<ProfilePrivacyOp>({
      ...common,
      kind: 'profile.privacy',
      send: ({ privacy, stamp: s }) => community.request('profile:privacy', { privacy, stamp: s }),
      beforeRetry: (op) => ({ ...op, stamp: stamp() }),
    }),
  ];
  return () => disposers.forEach((dispose) => dispose());
}
