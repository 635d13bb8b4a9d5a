import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Abowerk keeps its state and, by default, the company files. The same folder the
 * Electron app uses (its userData for productName "Abowerk"), so app, web host and CLI
 * see the same files. ABOWERK_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ABOWERK_DATA_DIR) return env.ABOWERK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Abowerk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Abowerk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Abowerk');
}
