// Bundles the CLI into one ESM file so `npx kubedojo` starts without resolving hundreds of modules.
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { asciiComments } from './ascii-comments.mjs';
import { appBuildOptions, REQUIRE_BANNER } from './app-build-options.mjs';

await rm('dist', { recursive: true, force: true });
await build({
  ...appBuildOptions,
  // cli.js: entry.ts turns on the compile cache, then loads main.ts (a chunk, so the cache covers it).
  // editor.js: the KUBE_EDITOR wrapper the app gives `kubectl edit` (src/editor/main.ts).
  // sandbox-worker.js: the embedded sandbox runs in a worker thread of the app (issue 9).
  entryPoints: { cli: 'src/cli/entry.ts', editor: 'src/editor/main.ts', 'sandbox-worker': 'src/sandbox/worker/sandbox-worker.ts' },
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: 'linked',
  legalComments: 'external',
  banner: { js: `#!/usr/bin/env node\n${REQUIRE_BANNER}` },
});
// Comments' non-ASCII characters would make V8 keep a chunk's source at two bytes per character.
await asciiComments('dist');
await chmod('dist/cli.js', 0o755);
