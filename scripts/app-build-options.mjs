// The esbuild options of the code kubedojo ships (dist/), shared with what is measured against it
// (the bench's Ink floor), so the two are built alike.
import { clientNodePlugin } from './esbuild-client-node.mjs';
import { nodeHttpPlugin } from './esbuild-node-http.mjs';
import { stringWidthPlugin } from './string-width-plugin.mjs';
import { undiciPlugin } from './esbuild-undici.mjs';
import { yogaWasmPlugin } from './esbuild-yoga-wasm.mjs';

// Some dependencies are CommonJS and call require(); give the ESM bundle one.
export const REQUIRE_BANNER = "import { createRequire as __kubedojoCreateRequire } from 'node:module';\nconst require = __kubedojoCreateRequire(import.meta.url);";

/** @type {import('esbuild').BuildOptions} */
export const appBuildOptions = {
  // Subcommands are imported on demand; splitting keeps them out of the start-up path.
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  jsx: 'automatic',
  minifySyntax: true,
  banner: { js: REQUIRE_BANNER },
  // React (and its scheduler) pick their production build from NODE_ENV when they load; fixing it
  // here drops the development builds from the bundle (~0.7 MB less to load) whatever the user's
  // NODE_ENV says. Tests render from the sources, not from dist/.
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink pulls in react-devtools-core only when DEV=true; it is not a dependency of ours.
  external: ['react-devtools-core'],
  // string-width compiles its biggest regular expression only when a grapheme needs it. For the
  // app's memory (issue 9): only the parts of client-node an importer names are bundled for it,
  // only undici's fetch and agents, and nothing loads Node's own undici (yoga's WebAssembly is
  // decoded without fetch; node:http is required, not imported as an ES module).
  plugins: [stringWidthPlugin, clientNodePlugin, undiciPlugin, yogaWasmPlugin, nodeHttpPlugin],
  logLevel: 'warning',
};
