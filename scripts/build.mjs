// Bundles the CLI into one ESM file so `npx kubedojo` starts without resolving hundreds of modules.
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { asciiComments } from './ascii-comments.mjs';
import { stringWidthPlugin } from './string-width-plugin.mjs';

await rm('dist', { recursive: true, force: true });
await build({
  // cli.js: entry.ts turns on the compile cache, then loads main.ts (a chunk, so the cache covers it).
  // editor.js: the KUBE_EDITOR wrapper the app gives `kubectl edit` (src/editor/main.ts).
  // sandbox-worker.js: the embedded sandbox runs in a worker thread of the app (issue 9).
  entryPoints: { cli: 'src/cli/entry.ts', editor: 'src/editor/main.ts', 'sandbox-worker': 'src/sandbox/worker/sandbox-worker.ts' },
  outdir: 'dist',
  // Subcommands are imported on demand; splitting keeps them out of the start-up path.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'external',
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __kubedojoCreateRequire } from 'node:module';\nconst require = __kubedojoCreateRequire(import.meta.url);",
  },
  // React (and its scheduler) pick their production build from NODE_ENV when they load; fixing it
  // here drops the development builds from the bundle (~0.7 MB less to load) whatever the user's
  // NODE_ENV says. Tests render from the sources, not from dist/.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink pulls in react-devtools-core only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
  // string-width compiles its biggest regular expression only when a grapheme needs it.
  plugins: [stringWidthPlugin],
  logLevel: 'warning',
});
// Comments' non-ASCII characters would make V8 keep a chunk's source at two bytes per character.
await asciiComments('dist');
await chmod('dist/cli.js', 0o755);
