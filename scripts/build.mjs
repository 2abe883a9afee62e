// Bundles the CLI into one ESM file so `npx kubedojo` starts without resolving hundreds of modules.
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';
import { asciiComments } from './ascii-comments.mjs';
import { appBuildOptions, REQUIRE_BANNER } from './app-build-options.mjs';
import { shipCourse } from './ship-course.mjs';

await rm('dist', { recursive: true, force: true });
const result = await build({
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
  metafile: true,
});
// `import * as z from 'zod'`, never `import { z } from 'zod'`: the named `z` is a namespace object
// esbuild must keep whole, with zod's 40-odd locales (~500 KB before the first frame; only `en`
// is used). One such import anywhere brings them all back, so the build says so.
const bundled = Object.values(result.metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input));
const locales = bundled.filter((input) => /zod\/v4\/locales\/(?!en\.js$)/.test(input));
if (locales.length > 0) throw new Error(`dist/ bundles zod's locales (${locales.length} files, e.g. ${locales[0]}): import zod as \`import * as z from 'zod'\`, not \`import { z } from 'zod'\``);
// Comments' non-ASCII characters would make V8 keep a chunk's source at two bytes per character.
await asciiComments('dist');
await chmod('dist/cli.js', 0o755);
// The lessons parsed now, not at the app's first start (issue 9: ~400 ms and ~8-10 MB of idle RSS).
await shipCourse({ root: process.cwd(), outFile: 'dist/course.json', metafile: result.metafile });
