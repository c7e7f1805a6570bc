import type { DesktopStudioApi, ShellEventName, ShellEvents } from '../../../shared/api/shell-events';
import type { StudioApi } from '../../../shared/api/studio-api';

/**
 * Listens to an event of the desktop shell (the native menu, a margin:// link the app was
 * opened with). Browser mode never sends them, so there the listener simply never runs.
 */
export function onShellEvent<E extends ShellEventName>(api: StudioApi, event: E, listener: (payload: ShellEvents[E]) => void): () => void {
  return (api as DesktopStudioApi).on(event, listener as never);
}
