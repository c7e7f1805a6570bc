import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { connectStudio } from './app/studio-client';
import { StudioContext } from './app/studio-context';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioContext.Provider value={connectStudio()}>
      <App />
    </StudioContext.Provider>
  </StrictMode>,
);
