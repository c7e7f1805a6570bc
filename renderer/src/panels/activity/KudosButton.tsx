import type { KudosTargetKind } from '../../../../shared/rules/kudos';
import { useStore, useStores } from '../../app/stores';

/**
 * Kudos on one thing: a pressed toggle with its count. `to` names who receives them, in the
 * button's name for screen readers ("Kudos to ana · 3"). Given offline too: the studio sends it when back.
 */
export function KudosButton({ targetKind, targetId, to, count, mine }: { targetKind: KudosTargetKind; targetId: string; to: string; count: number; mine: boolean }) {
  const { activity } = useStores();
  // As read, until the writer gives or takes back kudos here.
  const kudos = useStore(activity, (s) => s.state().kudos[targetId]) ?? { count, mine };
  return (
    <button type="button" className="kudos-button" aria-pressed={kudos.mine} onClick={() => void activity.kudos(targetId, !kudos.mine, targetKind)}>
      <span aria-hidden="true">👏 </span>Kudos<span className="visually-hidden"> to {to}</span>
      {kudos.count > 0 ? ` · ${kudos.count}` : ''}
    </button>
  );
}
