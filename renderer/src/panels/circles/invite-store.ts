import type { StudioApi, SyncStatus } from '../../../../shared/api/studio-api';
import { readInvite, type InviteRef } from '../../../../shared/protocol/invite-link';

type Listener = () => void;

/** Where an invite stands: to be confirmed (another server), waiting for a sign-in there, or done. */
export type InviteState =
  | { step: 'idle' }
  | { step: 'confirm'; invite: InviteRef & { server: string }; current: string | null }
  | { step: 'waiting'; invite: InviteRef; server: string }
  | { step: 'joined'; circle: string }
  | { step: 'error'; message: string };

const sameServer = (a: string | null, b: string) => {
  try {
    return a !== null && new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
};

/**
 * Joining from an invite, whichever way it came (pasted, a margin:// link the desktop app was
 * opened with, the first-run question). An invite names its server: when that is not the one
 * the studio uses, the writer is asked first (a link from a web page is not a decision); then
 * the studio connects there, and the circle is joined as soon as the writer is signed in.
 */
export function createInviteStore(api: StudioApi) {
  const listeners = new Set<Listener>();
  let state: InviteState = { step: 'idle' };
  const set = (next: InviteState) => {
    state = next;
    listeners.forEach((listener) => listener());
  };
  const join = async (invite: InviteRef) => {
    try {
      const circle = await api.circles.join({ code: invite.code });
      set({ step: 'joined', circle: circle.name });
    } catch (error) {
      set({ step: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  // Signed in on the invite's server: the circle is joined then.
  api.on('sync:status', (status: SyncStatus) => {
    if (state.step === 'waiting' && status.state === 'online' && sameServer(status.server, state.server)) void join(state.invite);
  });

  const store = {
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
    /**
     * An invite in any form. `quiet` (the Circles form, which shows its own list and errors): an
     * invite for this server is joined with no prompt, and a bad one throws for the form to say.
     */
    async open(text: string, { quiet = false } = {}) {
      const reading = readInvite(text);
      if (!reading.ok) {
        const message = `That invite cannot be used: ${reading.why}`;
        if (quiet) throw new Error(message);
        return set({ step: 'error', message });
      }
      const status = await api.community.status();
      const { server, code } = reading.data;
      if (!server || sameServer(status.url, server)) {
        if (quiet) return void (await api.circles.join({ code }));
        if (status.sync.state === 'online') return join(reading.data);
        return set({ step: 'waiting', invite: reading.data, server: status.url ?? '' });
      }
      set({ step: 'confirm', invite: { server, code }, current: status.url });
    },
    /** The writer said yes: connect to the invite's server; the circle is joined once they are signed in there. */
    async switchServer() {
      if (state.step !== 'confirm') return;
      const { invite } = state;
      const status = await api.community.setServer({ url: invite.server });
      if (status.sync.state === 'online') return join(invite);
      set({ step: 'waiting', invite, server: invite.server });
    },
    dismiss: () => set({ step: 'idle' }),
  };
  return store;
}
export type InviteStore = ReturnType<typeof createInviteStore>;
