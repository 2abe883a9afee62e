import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * `~/.config/kubedojo/progress.json` on Linux (honours XDG_CONFIG_HOME),
 * `~/Library/Preferences/kubedojo/progress.json` on macOS, `%APPDATA%\kubedojo\Config\...` on
 * Windows. The suffix is disabled so the folder is plain `kubedojo`, not `kubedojo-nodejs`.
 */
export function defaultProgressPath(): string {
  return join(envPaths('kubedojo', { suffix: '' }).config, 'progress.json');
}
