/**
 * An esbuild plugin for the bundle: `node:http` is loaded through `require`, not as an ES module.
 *
 * Why (issue 9: the app's memory): Node gives an ES module import of a built-in a facade whose
 * exports are read from the CommonJS module once, every one of them; node:http's WebSocket,
 * CloseEvent and MessageEvent are getters that load Node's own bundled undici (~750 KB of source,
 * kept for the process's life, several MB of heap). One `import { request } from 'node:http'`
 * anywhere in the bundle (ours, client-node's, agent-base's) is enough. `require('node:http')`
 * reads nothing until asked. Every other built-in's facade was checked: only http has such getters.
 *
 * The import becomes a small module that requires node:http and re-exports its plain exports (the
 * getters, such as `globalAgent`, stay live on the default export); a name it does not have fails
 * the build, as a missing export of node:http would.
 */
import { createRequire } from 'node:module';

const NAMESPACE = 'kubedojo-node-http';

/** node:http's exports that are plain values (functions, classes, constants), not getters. */
export function plainExports() {
  const http = createRequire(import.meta.url)('node:http');
  return Object.entries(Object.getOwnPropertyDescriptors(http))
    .filter(([name, descriptor]) => descriptor.enumerable && 'value' in descriptor && /^[A-Za-z_$][\w$]*$/.test(name))
    .map(([name]) => name)
    .sort();
}

/** @type {import('esbuild').Plugin} */
export const nodeHttpPlugin = {
  name: NAMESPACE,
  setup(build) {
    // ES module imports only: a bundled CommonJS package's require('http') already is one.
    build.onResolve({ filter: /^(node:)?http$/ }, (args) =>
      args.namespace === NAMESPACE || (args.kind !== 'import-statement' && args.kind !== 'dynamic-import') ? undefined : { path: 'node:http', namespace: NAMESPACE },
    );
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, () => ({
      contents: [
        "import { createRequire } from 'node:module';",
        "const http = createRequire(import.meta.url)('node:http');",
        'export default http;',
        `export const { ${plainExports().join(', ')} } = http;`,
        '',
      ].join('\n'),
      loader: 'js',
    }));
  },
};
