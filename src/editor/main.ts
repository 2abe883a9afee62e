/**
 * `dist/editor.js`: the editor kubedojo gives `kubectl edit` (as KUBE_EDITOR) when it runs it from
 * the app. kubectl's own stdout and stderr are pipes into the app's Output pane ("deployment.apps/x
 * edited", a validation error), so kubectl cannot hand the terminal on; this wrapper opens the
 * controlling terminal, /dev/tty, and gives it — and only it — to the learner's editor:
 * KUBEDOJO_EDITOR (their KUBE_EDITOR or EDITOR, else vi), run as kubectl runs an editor: directly,
 * or through `sh -c` when it has arguments ("code --wait"). Exits with the editor's status.
 * Issue #8, item 8.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

const file = process.argv[2];
const editor = (process.env.KUBEDOJO_EDITOR ?? '').trim() || 'vi';

if (file === undefined) {
  process.stderr.write('kubedojo editor: no file to edit\n');
  process.exit(2);
}

let tty: number;
try {
  tty = openSync('/dev/tty', 'r+');
} catch (error) {
  process.stderr.write(`kubedojo editor: no terminal to open ${editor} on (${error instanceof Error ? error.message : String(error)})\n`);
  process.exit(1);
}

// kubectl's rule (k8s.io/kubectl/pkg/cmd/util/editor): a command with spaces goes through the shell.
const [command, args] = /\s/.test(editor) ? ['sh', ['-c', `${editor} "$1"`, 'sh', file]] : [editor, [file]];
const result = spawnSync(command, args, { stdio: [tty, tty, tty] });
closeSync(tty);
if (result.error) {
  const code = (result.error as NodeJS.ErrnoException).code;
  process.stderr.write(code === 'ENOENT' ? `kubedojo editor: "${editor}" was not found on your PATH (set EDITOR to an editor you have, e.g. nano)\n` : `kubedojo editor: ${result.error.message}\n`);
  process.exit(127);
}
// An editor ended by a signal: kubectl sees a failure and keeps the object as it was.
process.exit(result.status ?? 1);
