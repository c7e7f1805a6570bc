import type { WriterProfile } from '../../../shared/protocol/profiles-events';
import { mayViewField, profileRefusal, type ProfileField } from '../../../shared/rules/profiles';
import { HLC_MAX_AHEAD_MS, hlcTooFarAhead } from '../../../shared/sync/hlc';
import { CommunityError, refuseIf } from '../../socket/community-error';
import type { Handlers } from '../../socket/register-handlers';
import type { BadgesRepo } from './badges.repo';
import type { ProfilesRepo } from './profiles.repo';

export interface ProfilesDeps {
  profiles: ProfilesRepo;
  badges: Pick<BadgesRepo, 'list'>;
  /** The server's time (ms): clock stamps further ahead are refused. */
  clock: () => number;
}

const missing = () => new CommunityError('not_found', 'There is no such writer.');

/**
 * Writer profiles. Each field is sent only when shared/rules/profiles.ts lets this viewer see
 * it; a writer who blocked the viewer is answered as one who does not exist.
 */
export function profilesHandlers({ profiles, badges, clock }: ProfilesDeps): Pick<Handlers, 'profile:get' | 'profile:update' | 'profile:privacy'> {
  const view = async (writerId: string, viewerId: string): Promise<WriterProfile> => {
    const row = await profiles.get(writerId);
    if (!row || (writerId !== viewerId && (await profiles.blocked(writerId, viewerId)))) throw missing();
    const relation = await profiles.relation(writerId, viewerId);
    const may = (field: ProfileField) => mayViewField(row.privacy, field, relation);
    const profile: WriterProfile = { accountId: row.accountId, username: row.username, displayName: row.displayName, relation };
    if (may('bio')) profile.bio = row.bio;
    if (may('genres')) profile.genres = row.genres;
    if (may('workingOn')) profile.workingOn = row.workingOn;
    if (may('circles')) profile.circles = await profiles.circles(writerId, viewerId);
    if (may('badges')) profile.badges = await badges.list(writerId);
    if (may('activity')) profile.activity = await profiles.activity(writerId, viewerId);
    if (relation === 'self') profile.privacy = row.privacy;
    return profile;
  };
  const checkStamp = (stamp: string) => {
    if (hlcTooFarAhead(stamp, clock())) {
      throw new CommunityError('clock_ahead', `This change is stamped more than ${HLC_MAX_AHEAD_MS / 1000} s ahead of the server's clock. Check this computer's date and time.`);
    }
  };
  return {
    'profile:get': async ({ user }, { accountId }) => view(accountId, user.id),
    // Sent again, or older than what was applied: nothing changes and the profile as it stands is the answer.
    'profile:update': async ({ user }, { stamp, ...fields }) => {
      checkStamp(stamp);
      refuseIf(profileRefusal(fields));
      await profiles.update(user.id, { ...fields, stamp });
      return view(user.id, user.id);
    },
    'profile:privacy': async ({ user }, { privacy, stamp }) => {
      checkStamp(stamp);
      await profiles.setPrivacy(user.id, privacy, stamp);
      return view(user.id, user.id);
    },
  };
}
