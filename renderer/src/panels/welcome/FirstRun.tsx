import { useState, type FormEvent } from 'react';
import { readInvite } from '../../../../shared/protocol/invite-link';
import { useStores } from '../../app/stores';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';

type Choice = null | 'join' | 'host';

/**
 * The first run asks one question in plain words: write alone for now (the community server on
 * this computer), join a community (an invite or a server address), or host one for a group.
 * It sits on the welcome page, beside naming the first project, rather than in front of it.
 */
export function FirstRun({ onDone, onCommunity }: { onDone: () => void; onCommunity: () => void }) {
  const api = useStudio();
  const { invite } = useStores();
  const [choice, setChoice] = useState<Choice>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);

  const join = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const text = address.trim();
    const asInvite = readInvite(text);
    const work = asInvite.ok
      ? invite.open(text)
      : /^https?:\/\/\S+$/i.test(text)
        ? api.community.setServer({ url: text }).then(() => undefined)
        : Promise.reject(new Error(`That is neither an invite nor a server address (${asInvite.ok ? '' : asInvite.why})`));
    work.then(() => (onDone(), onCommunity()), (err: unknown) => setError(errorMessage(err)));
  };

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h3 id="first-run-title">How would you like to start?</h3>
      <p className="muted">Your writing stays on this computer whatever you choose. You can change this later in the Community tab.</p>
      <div className="first-run-choices">
        <button type="button" className="choice" onClick={onDone}>
          <strong>Write on my own for now</strong>
          <span>A community server runs on this computer, ready when you want one.</span>
        </button>
        <button type="button" className="choice" aria-pressed={choice === 'join'} onClick={() => setChoice('join')}>
          <strong>Join a community</strong>
          <span>Paste an invite from a friend, or the address of your group’s server.</span>
        </button>
        <button type="button" className="choice" aria-pressed={choice === 'host'} onClick={() => setChoice('host')}>
          <strong>Host one for my group</strong>
          <span>Run a community server that your writing group connects to.</span>
        </button>
      </div>
      {choice === 'join' && (
        <form onSubmit={join} className="first-run-join">
          <label htmlFor="first-run-address">Invite or server address</label>
          <input id="first-run-address" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="https://community.example.org/join/… or margin://join/…" maxLength={1000} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="button-primary" disabled={!address.trim()}>
            Connect
          </button>
        </form>
      )}
      {choice === 'host' && (
        <div className="first-run-host" aria-label="Hosting a community">
          <p>
            A community server is one small program with its own database. For a group on the same network, run it on a computer that stays on, listening on
            the network:
          </p>
          <pre>
            <code>npm run server -- --host 0.0.0.0 --port 4100 --public-url http://&lt;this computer’s address&gt;:4100</code>
          </pre>
          <p>
            Over the internet, put it behind a TLS reverse proxy (Caddy or nginx; examples in <code>deploy/</code>) and start it with{' '}
            <code>--public-url https://your.domain</code>, or run <code>docker compose up -d</code> with <code>deploy/compose.yaml</code> (server, PostgreSQL and
            Redis). Make yourself its admin with <code>npm run server -- admin grant-role &lt;you&gt; admin</code>. The README’s “The community server” section has
            every step. Then point Margin at it from the Community tab, create a circle and send your group its invite: the invite carries the server’s address.
          </p>
          <button type="button" className="button-primary" onClick={onDone}>
            Got it
          </button>
        </div>
      )}
    </section>
  );
}
