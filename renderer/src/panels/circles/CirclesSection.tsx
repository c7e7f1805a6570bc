import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Circle, Invite } from '../../../../shared/protocol/community-events';
import type { CreditRules } from '../../../../shared/protocol/critique-schemas';
import { errorMessage } from '../../app/studio-client';
import { useStudio } from '../../app/studio-context';
import { CircleDoor } from '../directory/CircleDoor';
import { useStore, useStores } from '../../app/stores';

const RULE_LABELS: Record<keyof CreditRules, string> = {
  postCost: 'Credits to post to the critique queue',
  critiqueReward: 'Credits earned by a critique',
  critiqueMinWords: 'Words a critique needs to earn them',
  helpfulBonus: 'Bonus when marked helpful',
  welcome: 'Credits a new member starts with',
};

/** A circle's credit settings, for its owner and moderators. */
function CreditSettings({ circle }: { circle: Circle }) {
  const api = useStudio();
  const [rules, setRules] = useState<CreditRules | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    api.credits.get({ circleId: circle.id }).then((c) => setRules(c.rules), () => setRules(null));
  }, [api, circle.id]);
  if (!rules) return null;
  const save = (e: FormEvent) => {
    e.preventDefault();
    api.credits.setRules({ circleId: circle.id, rules }).then(
      (saved) => (setRules(saved), setStatus('Saved.')),
      (err: unknown) => setStatus(errorMessage(err)),
    );
  };
  return (
    <details>
      <summary>Credit settings</summary>
      <form onSubmit={save} aria-label={`Credit settings of ${circle.name}`}>
        {(Object.keys(RULE_LABELS) as (keyof CreditRules)[]).map((key) => (
          <label key={key}>
            {RULE_LABELS[key]}
            <input type="number" min={0} max={key === 'critiqueMinWords' ? 5000 : 100} value={rules[key]} onChange={(e) => setRules({ ...rules, [key]: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} />
          </label>
        ))}
        <button type="submit">Save credit settings</button>
        {status && <span role="status">{status}</span>}
      </form>
    </details>
  );
}

/** The writer's circles: create one, invite by code or link, join with one. Needs a connection. */
export function CirclesSection() {
  const api = useStudio();
  const [circles, setCircles] = useState<Circle[]>([]);
  const { invite: joinInvite } = useStores();
  const inviteState = useStore(joinInvite, (s) => s.state().step);
  // A circle joined from an invite shows up in the list.
  useEffect(() => {
    if (inviteState === 'joined') void api.circles.list().then(setCircles, () => undefined);
  }, [api, inviteState]);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [invite, setInvite] = useState<Invite | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => setCircles(await api.circles.list()), [api]);
  useEffect(() => {
    load().catch((e: unknown) => setError(errorMessage(e)));
  }, [load]);
  const run = (work: () => Promise<unknown>) => (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    work().then(load).catch((err: unknown) => setError(errorMessage(err)));
  };
  return (
    <section aria-label="Circles" className="circles">
      <h3>Circles</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ul aria-label="Your circles">
        {circles.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> · {c.memberCount} {c.memberCount === 1 ? 'member' : 'members'}{' '}
            <button type="button" onClick={run(async () => setInvite(await api.circles.invite({ circleId: c.id })))} aria-label={`Invite to ${c.name}`}>
              Invite
            </button>
            {(c.role === 'owner' || c.role === 'moderator') && <CreditSettings circle={c} />}
            {(c.role === 'owner' || c.role === 'moderator') && <CircleDoor circle={c} />}
          </li>
        ))}
      </ul>
      {invite && (
        <div role="status" aria-label="Invite code" className="invite-box">
          <p>
            Send this link to a friend (it names this community, <strong>{invite.server}</strong>, so it works from any computer that can reach it):
          </p>
          <p>
            <code>{invite.web}</code>{' '}
            <button type="button" onClick={() => void navigator.clipboard?.writeText(invite.web)}>
              Copy link
            </button>
          </p>
          <p className="muted">
            Or the code <code>{invite.code}</code>, or <code>{invite.link}</code> to open Margin directly. It works for 14 days.
          </p>
        </div>
      )}
      <form onSubmit={run(async () => (await api.circles.create({ name }), setName('')))}>
        <label>
          New circle
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        <button type="submit" disabled={!name.trim()}>
          Create circle
        </button>
      </form>
      {/* Any form of invite: one for another community server is asked about first (see InvitePrompt). */}
      <form onSubmit={run(async () => (await joinInvite.open(code, { quiet: true }), setCode('')))}>
        <label>
          Invite code or link
          <input value={code} onChange={(e) => setCode(e.target.value)} maxLength={1000} />
        </label>
        <button type="submit" disabled={!code.trim()}>
          Join circle
        </button>
      </form>
    </section>
  );
}
