import { useStores } from '../../app/stores';

/**
 * Mute a discussion thread: no more notifications from it (mentions included). Its state is the
 * thread's own, as the studio keeps it (loaded back from the server, kept offline); muting offline
 * waits in the outbox, and the thread view is shown again when it changes.
 */
export function MuteToggle({ threadId, muted }: { threadId: string; muted: boolean }) {
  const { moderation } = useStores();
  return (
    <button type="button" aria-pressed={muted} onClick={() => void moderation.mute(threadId, !muted)}>
      {muted ? 'Unmute thread' : 'Mute thread'}
    </button>
  );
}
