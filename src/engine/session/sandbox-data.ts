import { join } from 'node:path';
import envPaths from 'env-paths';

/**
 * Where the app's sandbox keeps its state between runs (issue #8, item 13): `~/.local/share/
 * kubedojo/sandbox` on Linux (honours XDG_DATA_HOME), `~/Library/Application Support/kubedojo/
 * sandbox` on macOS, `%LOCALAPPDATA%\kubedojo\Data\sandbox` on Windows.
 */
export function defaultSandboxStateDir(): string {
  return join(envPaths('kubedojo', { suffix: '' }).data, 'sandbox');
}
