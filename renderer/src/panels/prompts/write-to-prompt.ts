import { jumpTo, reloadAfterChange } from '../search/manuscript-bridge';
import type { PromptsStore } from './prompts-store';

/**
 * "Write to this prompt", by the button or by Ctrl+Alt+P from anywhere: the new response opens
 * in the editor, at its start. Answers whether one was written (when not, the store says why).
 */
export async function writeToTodaysPrompt(prompts: PromptsStore, openProjectId: string | null): Promise<boolean> {
  const doc = await prompts.writeToday(openProjectId);
  if (!doc) return false;
  await reloadAfterChange();
  await jumpTo({ projectId: doc.projectId, documentId: doc.id, start: 0, end: 0 });
  return true;
}
