import { useEffect } from 'react';

export interface Undoable {
  message: string;
  undo: () => void;
}

/** How long an undo stays offered: long enough to notice a slip, short enough not to linger. */
const UNDO_MS = 12_000;

/** "Moved … to the trash. Undo": a destructive action, said plainly, with its way back. */
export function UndoToast({ item, onClose }: { item: Undoable | null; onClose: () => void }) {
  useEffect(() => {
    if (!item) return;
    const timer = setTimeout(onClose, UNDO_MS);
    return () => clearTimeout(timer);
  }, [item, onClose]);
  if (!item) return null;
  return (
    <div className="toast" role="status" aria-label="Undo">
      <span>{item.message}</span>
      <button
        type="button"
        onClick={() => {
          item.undo();
          onClose();
        }}
      >
        Undo
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
