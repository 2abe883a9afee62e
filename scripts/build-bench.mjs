// Bundles the benchmarks like the app (esbuild, ESM, Node 22+) so figures are measured on the same
// kind of code that ships, without a TypeScript loader's memory and start-up in the numbers.
import { build } from 'esbuild';
import { appBuildOptions } from './app-build-options.mjs';
import { asciiComments } from './ascii-comments.mjs';

await build({
  // The hostile-input group runs its sandbox in a process of its own (bench/hostile-server.ts).
  entryPoints: ['bench/run.ts', 'bench/hostile-server.ts', 'bench/room-watch.ts', 'bench/room-learner.ts'],
  outdir: '.bench',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  sourcemap: 'linked',
  banner: { js: "import { createRequire as __kubedojoCreateRequire } from 'node:module';\nconst require = __kubedojoCreateRequire(import.meta.url);" },
  external: ['react-devtools-core'],
  logLevel: 'warning',
});

// The sandbox's worker thread, built as dist/'s is: the hostile-input group runs the sandbox the
// way `kubedojo sandbox` and the app do, in a worker thread (bench/hostile-server.ts finds it here).
await build({
  ...appBuildOptions,
  entryPoints: { 'sandbox-worker': 'src/sandbox/worker/sandbox-worker.ts' },
  outdir: '.bench',
  chunkNames: 'chunks/[name]-[hash]',
});
await asciiComments('.bench');

// The Ink floor (bench/ink-floor): built as dist/ is, so its first frame is the least any app
// bundled like ours can reach.
await build({
  ...appBuildOptions,
  entryPoints: { entry: 'bench/ink-floor/entry.ts' },
  outdir: '.bench/ink-floor',
});
await asciiComments('.bench/ink-floor');
