import { useEffect, useState } from 'react';
import type { Credits } from '../../../../shared/api/studio-api';
import type { Circle } from '../../../../shared/protocol/community-events';
import { useStore, useStores } from '../../app/stores';
import { useStudio } from '../../app/studio-context';
import './critique.css';

/**
 * A reviewer's credits in each of their circles, at the top of the Inbox: what they have to
 * post with is seen without opening a document. Balances are kept by the studio (they arrive
 * with the feed), so they show offline too; circle names come from the server when it answers.
 */
export function CreditBalances({ circleIds }: { circleIds: string[] }) {
  const api = useStudio();
  const { critique } = useStores();
  const shares = useStore(critique, (s) => s.shares());
  const [circles, setCircles] = useState<Circle[]>([]);
  const [credits, setCredits] = useState<Credits[]>([]);
  useEffect(() => {
    api.circles.list().then(setCircles, () => undefined);
  }, [api]);
  const ids = [...new Set([...circles.map((c) => c.id), ...circleIds])].sort().join(' ');
  useEffect(() => {
    const wanted = ids.split(' ').filter(Boolean);
    // Shares and credits arrive together: a change to the share list may be a change of balance.
    Promise.all(wanted.map((circleId) => api.credits.get({ circleId }))).then(setCredits, () => undefined);
  }, [api, ids, shares]);
  if (credits.length === 0) return null;
  const name = (id: string) => circles.find((c) => c.id === id)?.name ?? 'A circle';
  return (
    <>
      <h3>Your credits</h3>
      <ul className="credit-balances" aria-label="Credit balances">
        {credits.map((c) => (
          <li key={c.circleId}>
            <strong>{c.balance}</strong> in {name(c.circleId)}
            {c.rules ? <span className="muted"> · posting costs {c.rules.postCost}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
