/** The sidebar asks the editor to show a comment's passage; the editor tells which comment was clicked. */
export const commentFocus = new EventTarget();
export const focusComment = (id: string) => commentFocus.dispatchEvent(new CustomEvent<string>('jump', { detail: id }));
