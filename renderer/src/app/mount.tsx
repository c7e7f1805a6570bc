import { StrictMode } from 'react';
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
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <StudioContext.Provider value={studio}>
        <StoresContext.Provider value={stores}>
          <App start={start} />
        </StoresContext.Provider>
      </StudioContext.Provider>
    </StrictMode>,
  );
}
