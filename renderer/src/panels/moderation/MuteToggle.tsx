import { useState } from 'react';
import { useStores } from '../../app/stores';

/** Mute a discussion thread: no more notifications from it (mentions included). */
export function MuteToggle({ threadId }: { threadId: string }) {
  const { moderation } = useStores();
  const [muted, setMuted] = useState(false);
  return (
    <button type="button" aria-pressed={muted} onClick={() => void moderation.mute(threadId, !muted).then(() => setMuted(!muted))}>
      {muted ? 'Unmute thread' : 'Mute thread'}
    </button>
  );
}
