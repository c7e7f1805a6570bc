import { useEffect } from 'react';
import { useStore, useStores } from '../../app/stores';

/**
 * Where an invite stands, wherever it came from: asks before connecting to another community
 * server (a link from a web page is not the writer's decision), says what to do next while it
 * waits for a sign-in there, and says when the circle is joined.
 */
export function InvitePrompt({ onSignIn }: { onSignIn: () => void }) {
  const { invite } = useStores();
  const state = useStore(invite, (s) => s.state());
  // "You joined" needs no answer: it goes by itself after a while.
  useEffect(() => {
    if (state.step !== 'joined') return;
    const timer = setTimeout(invite.dismiss, 8000);
    return () => clearTimeout(timer);
  }, [state.step, invite]);
  if (state.step === 'idle') return null;
  return (
    <div className="invite-prompt" role="dialog" aria-label="Circle invite">
      {state.step === 'confirm' && (
        <>
          <p>
            This invite is for the community at <strong>{state.invite.server}</strong>
            {state.current ? (
              <>
                ; Margin is using <strong>{state.current}</strong> now
              </>
            ) : null}
            . Switch to it and join the circle?
          </p>
          <div className="button-row">
            <button type="button" className="button-primary" onClick={() => void invite.switchServer()}>
              Switch and join
            </button>
            <button type="button" onClick={invite.dismiss}>
              Not now
            </button>
          </div>
        </>
      )}
      {state.step === 'waiting' && (
        <>
          <p role="status">Connected to {state.server || 'the community'}. Create an account or sign in there: you join the circle as soon as you are signed in.</p>
          <div className="button-row">
            <button type="button" className="button-primary" onClick={onSignIn}>
              Sign in or create an account
            </button>
            <button type="button" onClick={invite.dismiss}>
              Cancel
            </button>
          </div>
        </>
      )}
      {state.step === 'joined' && (
        <>
          <p role="status">You joined {state.circle}.</p>
          <button type="button" onClick={invite.dismiss}>
            Done
          </button>
        </>
      )}
      {state.step === 'error' && (
        <>
          <p role="alert">{state.message}</p>
          <button type="button" onClick={invite.dismiss}>
            Close
          </button>
        </>
      )}
    </div>
  );
}
