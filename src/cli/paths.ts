/**
 * Where the course ships: `lessons/` and `assets/` sit at the package root, both when running from
 * the sources (src/cli/…) and from the bundle (dist/…), so walk up to the package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, 'utf8')).name === 'kubedojo') return dir;
      } catch {
        // An unreadable package.json above us is not ours; keep walking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`kubedojo: cannot find the package root above ${from}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const LESSONS_DIR = join(PACKAGE_ROOT, 'lessons');
