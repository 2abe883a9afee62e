/**
 * An esbuild plugin for the bundle: `import { … } from 'undici'` gets the parts of undici the app
 * uses, not undici's index (issue 9: the app's memory).
 *
 * undici is CommonJS, so esbuild cannot tree-shake it: its index requires everything it offers
 * (mock agents, the cache and its SQLite store, WebSocket, EventSource, HTTP/2, interceptors) and
 * all of it is loaded with the first watch. What is imported, by client-node (watch.js,
 * config.js) and by kept-alive-kubeconfig.ts, is `fetch`, `Agent` and `ProxyAgent`; required from
 * their own files they cost ~8 MB less RSS and ~50 ms less CPU to load (measured, Node 24).
 *
 * The module below is what undici's index does for those names: the Dispatcher API (request,
 * stream, …) on every dispatcher's prototype, and `fetch` wrapped to give its errors the caller's
 * stack. A name outside EXPORTS fails the build (esbuild: no matching export), so a new import of
 * something else from undici is a decision to make here, not a silent break.
 */
import { dirname, join } from 'node:path';

const NAMESPACE = 'kubedojo-undici';
const RESOLVING = Symbol(NAMESPACE);
/** The names the bundle may import from 'undici', and the file (under undici/) that defines each. */
export const EXPORTS = {
  Agent: 'lib/dispatcher/agent.js',
  ProxyAgent: 'lib/dispatcher/proxy-agent.js',
};

/** The narrow module, for undici's index at `indexPath`. */
export function narrowUndici(indexPath) {
  const file = (path) => JSON.stringify(join(dirname(indexPath), path));
  return [
    `import Dispatcher from ${file('lib/dispatcher/dispatcher.js')};`,
    `import api from ${file('lib/api/index.js')};`,
    `import fetchModule from ${file('lib/web/fetch/index.js')};`,
    ...Object.entries(EXPORTS).map(([name, path]) => `import ${name} from ${file(path)};`),
    '// As undici/index.js does: the Dispatcher API on every dispatcher.',
    'Object.assign(Dispatcher.prototype, api);',
    "// undici/index.js's fetch, as bundled (no __filename): the error's stack is the caller's.",
    'function fetch(init, options = undefined) {',
    '  return fetchModule.fetch(init, options).catch((err) => {',
    "    if (err && typeof err === 'object') Error.captureStackTrace(err, fetch);",
    '    throw err;',
    '  });',
    '}',
    `export { fetch, ${Object.keys(EXPORTS).join(', ')} };`,
    '',
  ].join('\n');
}

/** @type {import('esbuild').Plugin} */
export const undiciPlugin = {
  name: NAMESPACE,
  setup(build) {
    // ES module imports of the package itself; its own requires, and CommonJS packages' require('undici'), stay as they are.
    build.onResolve({ filter: /^undici$/ }, async (args) => {
      if (args.pluginData === RESOLVING || args.kind !== 'import-statement') return undefined;
      const result = await build.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: RESOLVING });
      if (result.errors.length > 0) return { errors: result.errors };
      return { path: result.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: narrowUndici(args.path), loader: 'js', resolveDir: dirname(args.path) }));
  },
};
