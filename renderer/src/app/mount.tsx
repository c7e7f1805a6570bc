import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { StudioApi } from '../../../shared/api/studio-api';
import { App } from './App';
import type { StartUp } from './start-up';
import { createStores, StoresContext } from './stores';
import { StudioContext } from './studio-context';

/** The app itself, loaded while the core answers the start-up requests main.tsx sent. */
export function mount(studio: StudioApi, start: StartUp): void {
  performance.mark('margin:app-loaded');
  // Made once, outside React: each store subscribes to the core's events for the life of the window.
  const stores = createStores(studio);
  const root = createRoot(document.getElementById('root')!);
  // The first render in this task, its effects with it (the editor takes the focus at its place):
  // left to the scheduler it is cut in slices with other work between them, and the effects wait
  // for a paint, all while the writer's first key waits.
  flushSync(() =>
    root.render(
      <StrictMode>
        <StudioContext.Provider value={studio}>
          <StoresContext.Provider value={stores}>
            <App start={start} />
          </StoresContext.Provider>
        </StudioContext.Provider>
      </StrictMode>,
    ),
  );
  performance.mark('margin:first-render');
}
