import type { DocumentNode } from '../../../../shared/api/studio-api';

export interface TreeItem {
  doc: DocumentNode;
  depth: number;
  hasChildren: boolean;
}

/** Children of each parent (null = top level), in binder order. */
export function childrenByParent(docs: DocumentNode[]): Map<string | null, DocumentNode[]> {
  const map = new Map<string | null, DocumentNode[]>();
  for (const doc of docs) {
    const list = map.get(doc.parentId) ?? [];
    list.push(doc);
    map.set(doc.parentId, list);
  }
  for (const list of map.values()) list.sort((a, b) => a.position - b.position);
  return map;
}

/** The rows a reader sees, depth-first, skipping the insides of collapsed items. */
export function visibleRows(docs: DocumentNode[], collapsed: Set<string>): TreeItem[] {
  const children = childrenByParent(docs);
  const rows: TreeItem[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const doc of children.get(parentId) ?? []) {
      const hasChildren = (children.get(doc.id)?.length ?? 0) > 0;
      rows.push({ doc, depth, hasChildren });
      if (hasChildren && !collapsed.has(doc.id)) walk(doc.id, depth + 1);
    }
  };
  walk(null, 1);
  return rows;
}

export type KeyboardMove = { parentId: string | null; index: number } | null;

/** Where Alt+Arrow sends a document: up/down among its siblings, right into the previous sibling, left out of its parent. */
export function keyboardMove(docs: DocumentNode[], id: string, key: string): KeyboardMove {
  const doc = docs.find((d) => d.id === id);
  if (!doc) return null;
  const children = childrenByParent(docs);
  const siblings = children.get(doc.parentId) ?? [];
  const index = siblings.findIndex((d) => d.id === id);
  switch (key) {
    case 'ArrowUp':
      return index > 0 ? { parentId: doc.parentId, index: index - 1 } : null;
    case 'ArrowDown':
      return index < siblings.length - 1 ? { parentId: doc.parentId, index: index + 1 } : null;
    case 'ArrowRight': {
      const previous = siblings[index - 1];
      return previous ? { parentId: previous.id, index: children.get(previous.id)?.length ?? 0 } : null;
    }
    case 'ArrowLeft': {
      if (!doc.parentId) return null;
      const parent = docs.find((d) => d.id === doc.parentId);
      if (!parent) return null;
      const parentSiblings = children.get(parent.parentId) ?? [];
      return { parentId: parent.parentId, index: parentSiblings.findIndex((d) => d.id === parent.id) + 1 };
    }
    default:
      return null;
  }
}

/** Words of each document with everything nested inside it (a chapter and its scenes). */
export function wordsWithChildren(docs: DocumentNode[]): Map<string, number> {
  const children = childrenByParent(docs);
  const totals = new Map<string, number>();
  const total = (doc: DocumentNode): number => {
    let sum = doc.wordCount;
    for (const child of children.get(doc.id) ?? []) sum += total(child);
    totals.set(doc.id, sum);
    return sum;
  };
  for (const doc of children.get(null) ?? []) total(doc);
  return totals;
}

/** How many documents are nested (at any depth) inside `id`: what goes to the trash with it. */
export function descendantCount(docs: DocumentNode[], id: string): number {
  const children = childrenByParent(docs);
  const count = (parent: string): number => (children.get(parent) ?? []).reduce((n, d) => n + 1 + count(d.id), 0);
  return count(id);
}
