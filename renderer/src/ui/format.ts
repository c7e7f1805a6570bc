/**
 * One number format for every count on screen. `n.toLocaleString()` builds a new formatter on
 * each call (a fraction of a millisecond each), and the status bar and binder format on every
 * render while the writer types.
 */
const NUMBER = new Intl.NumberFormat();
export const formatCount = (n: number): string => NUMBER.format(n);
