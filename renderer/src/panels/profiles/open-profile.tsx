import { useStores } from '../../app/stores';

/** What other panels call to open a writer's profile: `const openProfile = useOpenProfile(); openProfile(accountId)`. */
export function useOpenProfile(): (accountId: string) => void {
  return useStores().profiles.open;
}

/** A writer's name that opens their profile when clicked (or activated by keyboard). */
export function WriterName({ id, name }: { id: string; name: string }) {
  const openProfile = useOpenProfile();
  return (
    <button type="button" className="link-button writer-name" aria-label={`Profile of ${name}`} onClick={() => openProfile(id)}>
      {name}
    </button>
  );
}
