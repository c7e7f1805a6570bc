import { startUp } from './app/start-up';
import { connectStudio, fetchStartUp } from './app/studio-client';
import './styles.css';

/** How long the app, once loaded, waits for the start-up answer before drawing without it. */
const ANSWER_WAIT_MS = 250;

// This first script is small on purpose: it connects and asks for the document the writer left
// off in at once, so the core reads it while the browser loads and compiles the app (mount.tsx).
// The app is drawn once that answer is in (or soon after its code, if the core is slow): drawn
// before it, all of it would be drawn again at once with the document.
const studio = connectStudio();
const start = startUp(studio, fetchStartUp());
void import('./app/mount').then(async ({ mount }) => {
  await Promise.race([start.promise.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ANSWER_WAIT_MS))]);
  mount(studio, start);
});
