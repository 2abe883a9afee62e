/**
 * The floor under the app's first frame: the least an Ink app bundled like ours can do before its
 * first frame (Node's start-up, the compile cache on, React + Ink + yoga loaded, one render of three
 * lines in a box). bench/app.ts times it in the same pty loop as `kubedojo`, so the app's figure
 * can be read against what any Ink app costs on the machine. Same build options as dist/
 * (scripts/build-bench.mjs), same cache setup as src/cli/entry.ts.
 */
import * as nodeModule from 'node:module';

try {
  nodeModule.enableCompileCache?.(process.env.NODE_COMPILE_CACHE);
} catch {
  // Only a speed-up.
}
// As src/cli/commands/app.ts does: yoga decodes its wasm in place instead of loading Node's fetch.
const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
try {
  await import('./floor-app.js');
} finally {
  if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', fetchProperty);
}
