import { directoryInputs as protocol } from '../protocol/directory-schemas';

/**
 * The directory's StudioApi methods: the same payloads the server validates, checked at both
 * boundaries. They need a connection (the directory lives on the server); nothing is queued.
 */
export const directoryInputs = {
  'directory.search': protocol['directory:search'],
  'directory.join': protocol['directory:join'],
  'directory.requests': protocol['directory:requests'],
  'directory.decide': protocol['directory:decide'],
  'directory.setListing': protocol['directory:setListing'],
} as const;
