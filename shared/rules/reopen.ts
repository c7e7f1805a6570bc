/**
 * What the studio opens at start, where the writer left off: the project a document was last
 * opened in (else the first active one), and in it the document last open if it is still in
 * the binder (else its first top-level document). The core answers `documents.reopen` with it
 * in one step; the renderer applies the same rule when the open project goes away.
 */
interface ProjectLike {
  id: string;
  archivedAt: string | null;
  openedAt: string | null;
  lastDocumentId: string | null;
}

export function projectToOpen<P extends ProjectLike>(list: P[]): P | undefined {
  const active = list.filter((p) => !p.archivedAt);
  return active.reduce<P | undefined>((best, p) => (p.openedAt && (!best?.openedAt || p.openedAt > best.openedAt) ? p : best), undefined) ?? active[0];
}

/** The binder's tree holds only documents that are not in the trash. */
export function documentToOpen<D extends { id: string; parentId: string | null }>(tree: D[], lastDocumentId: string | null): D | undefined {
  return (lastDocumentId ? tree.find((d) => d.id === lastDocumentId) : undefined) ?? tree.find((d) => d.parentId === null);
}
