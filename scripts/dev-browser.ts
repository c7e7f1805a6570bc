// The renderer on Vite's dev server, from electron.vite.config.ts's renderer section, for
// `npm run dev` where Electron cannot run (electron-vite's dev server always starts Electron).
import { createServer, type InlineConfig } from 'vite';
import config from '../electron.vite.config';

const renderer = (config as { renderer: InlineConfig }).renderer;
const server = await createServer({ ...renderer, configFile: false });
await server.listen();
server.printUrls();
