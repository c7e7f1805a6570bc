import { startUp } from './app/start-up';
import { connectStudio } from './app/studio-client';
import './styles.css';

// This first script is small on purpose: it connects and asks for the document the writer left
// off in at once, so the core reads it while the browser loads and compiles the app (mount.tsx).
const studio = connectStudio();
const start = startUp(studio);
void import('./app/mount').then(({ mount }) => mount(studio, start));
