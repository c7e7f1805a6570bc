import { StudioError, type Result } from '../../../shared/api/result';
import type { DirectoryChange, DirectoryStudioOutputs } from '../../../shared/api/directory';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import type { CommunityClient } from '../community/community-client';

type Method = keyof DirectoryStudioOutputs;
type Handlers = { [M in Method]: (input: StudioParsedInput<M>) => Promise<DirectoryStudioOutputs[M]> };

export interface DirectoryDeps {
  community: Pick<CommunityClient, 'request' | 'onServer'>;
  onChanged(change: DirectoryChange): void;
}

const orThrow = <T>(result: Result<T>): T => {
  if (!result.ok) throw new StudioError(result.error.code, result.error.message);
  return result.data;
};

/**
 * The directory of circles, from the studio: a window on the server's directory (it needs a
 * connection, as managing circles does). Requests to join and their outcomes arrive live and
 * are passed on to the renderer, which reloads what it shows.
 */
export function createDirectory({ community, onChanged }: DirectoryDeps) {
  community.onServer('directory:requested', ({ circleId, displayName }) => onChanged({ at: Date.now(), kind: 'requested', circleId, displayName }));
  community.onServer('directory:decided', ({ circleId, name, accepted }) => onChanged({ at: Date.now(), kind: 'decided', circleId, name, accepted }));
  const handlers: Handlers = {
    'directory.search': async (input) => orThrow(await community.request('directory:search', input)),
    'directory.join': async (input) => orThrow(await community.request('directory:join', input)),
    'directory.requests': async (input) => orThrow(await community.request('directory:requests', input)),
    'directory.decide': async (input) => orThrow(await community.request('directory:decide', input)),
    'directory.setListing': async (input) => orThrow(await community.request('directory:setListing', input)),
  };
  return { handlers };
}
