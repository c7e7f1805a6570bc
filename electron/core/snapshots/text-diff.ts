import { diffArrays, diffWordsWithSpace } from 'diff';
import type { DiffPart } from '../../../shared/api/studio-api';

const PARAGRAPH = '\n\n';

/**
 * A readable diff for prose: paragraphs are compared first (fast on a novel), then words
 * inside the paragraphs that changed, so a one-word edit shows as one word.
 */
export function diffProse(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string): void => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  const chunks = diffArrays(before.split(PARAGRAPH), after.split(PARAGRAPH));
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const next = chunks[i + 1];
    const sep = parts.length > 0 ? PARAGRAPH : '';
    if (chunk.removed && next?.added) {
      push('same', sep);
      for (const word of diffWordsWithSpace(chunk.value.join(PARAGRAPH), next.value.join(PARAGRAPH))) {
        push(word.added ? 'added' : word.removed ? 'removed' : 'same', word.value);
      }
      i++;
    } else {
      push('same', sep);
      push(chunk.added ? 'added' : chunk.removed ? 'removed' : 'same', chunk.value.join(PARAGRAPH));
    }
  }
  return parts;
}
