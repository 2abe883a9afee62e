/**
 * `dist/cli.js`, the `kubedojo` binary: turns on Node's compile cache, then loads the command line
 * (main.ts). A file of its own because the cache only covers modules compiled after it is on: with
 * the call inside main.ts, main.ts's bundle (commander and every command's flags, ~130 KB) was
 * compiled afresh at every start.
 *
 * The cache (Node ≥ 22.1; V8's code for each module of the bundle, checked against the file's
 * content) lives in kubedojo's own cache folder (`~/.cache/kubedojo/compile-cache` on Linux), per
 * user, removed with that folder. A folder that cannot be created or written only costs the
 * speed-up: Node then reports a failed status and compiles as usual. NODE_COMPILE_CACHE (another
 * folder) and NODE_DISABLE_COMPILE_CACHE=1 (none) are honoured. See docs/decisions.md, "App: the
 * first frame on a 21-lesson course".
 */
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { replayFirstFrame } from './frame-replay/index.js';

try {
  // A namespace import: the named export does not exist on Node < 22.1 (main.ts refuses < 22).
  nodeModule.enableCompileCache?.(process.env.NODE_COMPILE_CACHE ?? join(envPaths('kubedojo', { suffix: '' }).cache, 'compile-cache'));
} catch {
  // Only a speed-up.
}

// Before anything else loads: the app's last first frame, when nothing it depends on changed
// (frame-replay/frame-replay.ts). Any other command finds no frame and draws nothing.
replayFirstFrame();

await import('./main.js');
