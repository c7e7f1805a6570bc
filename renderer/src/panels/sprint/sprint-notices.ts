import type { SprintStatus } from '../../../../shared/protocol/community-events';

/** What to tell the writer when a sprint they are in changes state; null when there is nothing to say. */
export function sprintNotice(previous: SprintStatus | null, next: SprintStatus): { title: string; body: string } | null {
  if (previous === 'upcoming' && next === 'running') return { title: 'Sprint started', body: 'Write!' };
  if (previous === 'running' && next !== 'running') return { title: 'Sprint over', body: 'See how it went.' };
  return null;
}
