import type { Database } from 'better-sqlite3';
import type { ReplaceOutputs, ReplacePreview, ReplaceResult } from '../../../shared/api/replace';
import { StudioError } from '../../../shared/api/result';
import { parseLexicalState } from '../../../shared/schemas/lexical';
import type { ReplaceRequest } from '../../../shared/schemas/replace';
import type { StudioParsedInput } from '../../../shared/schemas/studio';
import { parseContent, type ContentRepo } from '../documents/content.repo';
import type { DocumentsRepo } from '../documents/documents.repo';
import type { ProjectsRepo } from '../projects/projects.repo';
import type { createSnapshotsRepo } from '../snapshots/snapshots.repo';
import { findPattern, previewIn, replaceIn } from './replace-text';

interface Deps {
  db: Database;
  documents: DocumentsRepo;
  content: ContentRepo;
  projects: ProjectsRepo;
  snapshots: ReturnType<typeof createSnapshotsRepo>;
}

const MAX_SAMPLES = 200;
const short = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** Find and replace in one document or across a project, with a preview first and one undo after. */
export function createReplace({ db, documents, content, projects, snapshots }: Deps) {
  const scopeIds = (scope: ReplaceRequest['scope']): string[] => {
    if ('documentId' in scope) return [documents.get(scope.documentId).id];
    projects.get(scope.projectId);
    return documents.tree(scope.projectId).map((d) => d.id);
  };
  const withText = (ids: string[]) =>
    ids.flatMap((id) => {
      const current = content.current(id);
      return current ? [{ id, current, state: parseLexicalState(current.content) }] : [];
    });

  const preview = (request: ReplaceRequest): ReplacePreview => {
    const pattern = findPattern(request);
    let shown = 0;
    const found = withText(scopeIds(request.scope)).flatMap(({ id, state }) => {
      const samples = previewIn(state, pattern);
      if (samples.length === 0) return [];
      const kept = samples.slice(0, Math.max(0, MAX_SAMPLES - shown));
      shown += kept.length;
      return [{ documentId: id, title: documents.get(id).title, count: samples.length, samples: kept }];
    });
    return { total: found.reduce((n, d) => n + d.count, 0), documents: found };
  };

  const apply = (request: ReplaceRequest): ReplaceResult => {
    const pattern = findPattern(request);
    // Parse and rebuild outside the transaction; write every document (and its snapshot) in one.
    const changes = withText(scopeIds(request.scope)).flatMap(({ id, current, state }) => {
      const { state: next, count } = replaceIn(state, pattern, request.replace);
      return count > 0 ? [{ id, current, next: parseContent(JSON.stringify(next)), count }] : [];
    });
    const name = `Before replacing “${short(request.find)}” with “${short(request.replace)}”`;
    const snapshotIds = db.transaction(() =>
      changes.map(({ id, current, next }) => {
        const snapshot = snapshots.create(id, name, 'auto', current);
        content.write(id, next);
        return snapshot.id;
      }),
    )();
    for (const projectId of new Set(changes.map((c) => documents.get(c.id).projectId))) projects.touch(projectId);
    return { replacements: changes.reduce((n, c) => n + c.count, 0), documentIds: changes.map((c) => c.id), snapshotIds };
  };

  /** Puts back each document as its snapshot has it, keeping the replaced text as a snapshot in turn (nothing is lost). */
  const undo = ({ snapshotIds }: { snapshotIds: string[] }): { documentIds: string[] } => {
    const taken = snapshotIds.map((id) => snapshots.get(id));
    const seen = new Set<string>();
    for (const snapshot of taken) {
      if (seen.has(snapshot.documentId)) throw new StudioError('invalid_input', 'Each document can be put back from one snapshot at a time.');
      seen.add(snapshot.documentId);
    }
    db.transaction(() => {
      for (const snapshot of taken) {
        const current = content.current(snapshot.documentId);
        if (current) snapshots.create(snapshot.documentId, 'Before undoing a replace', 'auto', current);
        content.write(snapshot.documentId, snapshot);
      }
    })();
    return { documentIds: taken.map((s) => s.documentId) };
  };

  const handlers: { [M in keyof ReplaceOutputs]: (input: StudioParsedInput<M>) => ReplaceOutputs[M] } = {
    'replace.preview': preview,
    'replace.apply': apply,
    'replace.undo': undo,
  };
  return { handlers, preview, apply, undo };
}
