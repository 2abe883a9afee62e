/**
 * Where kubedojo's KUBE_EDITOR wrapper is (dist/editor.js, src/editor/main.ts): beside the CLI
 * bundle, which is one folder up from the chunk this code is bundled into. Undefined when running
 * from source (tests through tsx), where `kubectl edit` shares the terminal as before.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function editorWrapperCommand(moduleUrl: string = import.meta.url): string[] | undefined {
  for (const relative of ['./editor.js', '../editor.js']) {
    const path = fileURLToPath(new URL(relative, moduleUrl));
    if (existsSync(path)) return [process.execPath, path];
  }
  return undefined;
}
