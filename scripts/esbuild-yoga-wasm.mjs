/**
 * An esbuild plugin for the bundle: yoga-layout (Ink's layout engine) carries its WebAssembly as a
 * base64 `data:` URL, and its Emscripten loader fetches that URL with `fetch` whenever `fetch` is a
 * function, which it is in Node. Node's fetch is its own bundled undici, loaded on first use: ~750 KB
 * of source kept for the process's life, and ~12 MB of RSS and 50-300 ms (measured here) to load it
 * and run one fetch of a data URL, before Ink can draw anything (issue 9: the app's memory). Node
 * needs none of it: the loader's other path decodes the same base64 synchronously. Here the loader
 * is told there is no `fetch`; the build fails if its source no longer reads `fetch` where this
 * expects it (test/scripts/esbuild-yoga-wasm.test.ts lays a tree out with the patched bundle).
 */
import { readFile } from 'node:fs/promises';

const FETCH_TEST = '"function"!=typeof fetch';
/** Both of the loader's tests: getting the bytes (ya) and instantiating them (streaming or not). */
const EXPECTED_TESTS = 2;

/** The Emscripten loader without its `fetch`; throws if the source changed. */
export function patchYogaLoader(source) {
  const found = source.split(FETCH_TEST).length - 1;
  if (found !== EXPECTED_TESTS) {
    throw new Error(`yoga-layout changed: its loader tests \`${FETCH_TEST}\` ${found} times, not ${EXPECTED_TESTS}; review scripts/esbuild-yoga-wasm.mjs`);
  }
  // kubedojo (scripts/esbuild-yoga-wasm.mjs): no fetch of the data: URL; the base64 is decoded in place.
  return source.replaceAll(FETCH_TEST, '!0');
}

/** @type {import('esbuild').Plugin} */
export const yogaWasmPlugin = {
  name: 'yoga-wasm-without-fetch',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, async (args) => ({
      contents: patchYogaLoader(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
