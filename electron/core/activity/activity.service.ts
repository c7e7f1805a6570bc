import { StudioError, type Result } from '../../../shared/api/result';
import type { ActivityStudioOutputs } from '../../../shared/api/activity';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { CommunityClient } from '../community/community-client';

type Method = keyof ActivityStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<ActivityStudioOutputs[M]> };

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};

/** Kudos, follows and the activity feed: a window on the server's (online only, as circles are managed). */
export function createActivity({ community }: { community: Pick<CommunityClient, 'request'> }) {
  const handlers: Handlers = {
    'activity.kudos': async (input) => orThrow(await community.request('activity:kudos', input)),
    'activity.follow': async (input) => orThrow(await community.request('activity:follow', input)),
    'activity.follows': async () => orThrow(await community.request('activity:follows', {})),
    'activity.feed': async (input) => orThrow(await community.request('activity:feed', input)),
  };
  return { handlers };
}
