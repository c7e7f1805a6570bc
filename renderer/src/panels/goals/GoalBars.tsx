import type { DocumentNode } from '../../../../shared/api/studio-api';
import { fmt, percent, useProjectGoals } from './goals-store';
import './goals.css';

/** The project's progress toward its target, at the top of the binder (nothing without a target). */
export function ProjectGoalBar({ projectId }: { projectId: string | null }) {
  const [goals] = useProjectGoals(projectId);
  if (!goals?.projectTarget) return null;
  const label = `${fmt(goals.projectWords)} of ${fmt(goals.projectTarget)} words`;
  return (
    <div className="goal-bar project-goal">
      <div className="goal-bar-label">
        <span>Project goal</span>
        <span>{label}</span>
      </div>
      <progress max={goals.projectTarget} value={Math.min(goals.projectWords, goals.projectTarget)} aria-label={`Project goal: ${label}`} />
    </div>
  );
}

/** A document's progress toward its own target, under its row in the binder. */
export function DocumentGoalBar({ doc, targets }: { doc: DocumentNode; targets: Map<string, number> }) {
  const target = targets.get(doc.id);
  if (!target) return null;
  return (
    <progress className="doc-goal" max={target} value={Math.min(doc.wordCount, target)} aria-label={`${doc.title}: ${fmt(doc.wordCount)} of ${fmt(target)} words (${percent(doc.wordCount, target)}%)`} />
  );
}

/** Document targets of a project, for the binder's rows. */
export function useDocumentTargets(projectId: string | null): Map<string, number> {
  const [goals] = useProjectGoals(projectId);
  return new Map((goals?.documents ?? []).map((d) => [d.documentId, d.target]));
}
