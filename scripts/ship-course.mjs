// Parses the shipped lessons once, at build time, into dist/course.json (src/engine/lessons/
// shipped-course.ts says why): no start of the app parses them, the first one after an install
// included. The loader runs from the sources, bundled here with esbuild, so the course is parsed by
// exactly the code the build bundles into dist/.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Writes `outFile` from the lessons under `root`; fails when the bundle would not look for the file
 * where it is written. A course with problems is not shipped (a warning says so): the app parses it
 * at start and refuses it with its problems listed, as it always did, and the build of a lesson
 * being edited still succeeds.
 * @param {{ root: string, outFile: string, metafile: import('esbuild').Metafile }} options
 */
export async function shipCourse({ root, outFile, metafile }) {
  // course-cache.ts finds the file as `../course.json` from its own chunk: it must be in dist/chunks/.
  const chunk = Object.entries(metafile.outputs).find(([, output]) => Object.keys(output.inputs).includes('src/engine/lessons/course-cache.ts'))?.[0];
  if (chunk === undefined || resolve(chunk, '..', '..', 'course.json') !== resolve(outFile)) {
    throw new Error(`course-cache.ts is bundled into ${chunk ?? 'nothing'}, where "../course.json" is not ${outFile}`);
  }
  const script = join(root, 'dist', '.ship-course.mjs');
  await build({
    stdin: {
      contents: `import { loadCourse } from './src/engine/lessons/load-course.ts';
import { filesUnder } from './src/engine/lessons/course-cache.ts';
import { writeShippedCourse } from './src/engine/lessons/shipped-course.ts';
export async function run(root, outFile) {
  const load = await loadCourse(root + '/lessons', { root });
  if (load.diagnostics.length > 0) return load.diagnostics.length;
  writeShippedCourse(outFile, load, root, filesUnder);
  return 0;
}`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: script,
    logLevel: 'warning',
  });
  try {
    const { run } = await import(pathToFileURL(script).href);
    const problems = await run(root, outFile);
    if (problems > 0) console.warn(`warning: the lessons have ${problems} problem${problems === 1 ? '' : 's'} (kubedojo lint shows them); ${outFile} is not written, so the app parses them at start`);
  } finally {
    await rm(script, { force: true });
  }
}
