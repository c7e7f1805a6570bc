import type { StudioMethod } from '../schemas/studio';

/** One IPC channel per StudioApi method, so the main process can check each one by name. */
export const studioChannel = (method: StudioMethod): string => `studio:${method}`;
/** Core-to-renderer events travel on one channel as `{ event, payload }`. */
export const STUDIO_EVENT_CHANNEL = 'studio:event';
