import type { StudioMethod } from '../schemas/studio';
import { studioMethods } from './studio-methods'; // a plain list: the preload must not bundle zod
import type { StudioApi, StudioEventName, StudioEvents } from './studio-api';

export type Subscribe = <E extends StudioEventName>(
  event: E,
  listener: (payload: StudioEvents[E]) => void,
) => () => void;

/**
 * Builds the nested StudioApi object from a flat `call(method, input)` transport. Used by
 * the preload (over IPC) and by the browser-mode client (over WebSocket), so both expose
 * exactly the same methods.
 */
export function buildStudioApi(call: (method: StudioMethod, input: unknown) => Promise<unknown>, on: Subscribe): StudioApi {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of studioMethods) {
    const [domain, name] = method.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][name] = (input?: unknown) => call(method as StudioMethod, input ?? {});
  }
  return Object.assign(api, { on }) as unknown as StudioApi;
}
