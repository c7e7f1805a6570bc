import os from 'node:os';
import path from 'node:path';

/** `MARGIN_DATA_DIR`, else the platform's user-data folder (the same one Electron's app.getPath('userData') uses). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.MARGIN_DATA_DIR) return path.resolve(env.MARGIN_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Margin');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Margin');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Margin');
}
