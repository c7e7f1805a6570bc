import { useEffect } from 'react';
import { kudosRefusal } from '../../../../shared/rules/kudos';
import { useStore, useStores } from '../../app/stores';
import { KudosButton } from './KudosButton';

/** Thanks for a critique received: only the draft's author sees the button (shared/rules/kudos.ts). */
export function CritiqueKudos({ critique, meId, shareAuthorId }: { critique: { id: string; authorId: string; authorName: string }; meId: string | null; shareAuthorId: string | null }) {
  const { activity } = useStores();
  const allowed = meId !== null && !kudosRefusal(meId, { kind: 'critique', ownerId: critique.authorId, visible: true, shareAuthorId: shareAuthorId ?? undefined });
  const known = useStore(activity, (s) => s.state().kudos[critique.id]);
  useEffect(() => {
    if (allowed && !known) void activity.loadKudos('critique', [critique.id]);
  }, [activity, allowed, known, critique.id]);
  if (!allowed) return null;
  return <KudosButton targetKind="critique" targetId={critique.id} to={critique.authorName} count={known?.count ?? 0} mine={known?.mine ?? false} />;
}
