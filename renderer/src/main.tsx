import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createStores, StoresContext } from './app/stores';
import { connectStudio } from './app/studio-client';
import { StudioContext } from './app/studio-context';
import './styles.css';

const studio = connectStudio();
// Made once, outside React: each store subscribes to the core's events for the life of the window.
const stores = createStores(studio);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioContext.Provider value={studio}>
      <StoresContext.Provider value={stores}>
        <App />
      </StoresContext.Provider>
    </StudioContext.Provider>
  </StrictMode>,
);
