import { errorMessage } from './studio-client';

type Listener = () => void;

/**
 * The state cell every community panel's store keeps: one immutable state object patched by
 * `set`, listeners told of each change, and `attempt`, which runs a step and shows its error
 * in the panel instead of throwing into React. `clearError: false` keeps the last error on
 * screen until a step fails differently (discussions and prompts show it beside a form).
 */
export function panelState<S extends { error: string | null }>(initial: S, options: { clearError?: boolean } = {}) {
  const listeners = new Set<Listener>();
  let current = initial;
  const set = (patch: Partial<S>) => {
    current = { ...current, ...patch };
    listeners.forEach((listener) => listener());
  };
  const attempt = async (work: () => Promise<unknown>) => {
    try {
      if (options.clearError !== false) set({ error: null } as Partial<S>);
      await work();
    } catch (err) {
      set({ error: errorMessage(err) } as Partial<S>);
    }
  };
  return {
    get state() {
      return current;
    },
    set,
    attempt,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
