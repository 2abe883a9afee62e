/**
 * How an interactive command shares the terminal (issue #8, item 8):
 * - `editor`: kubectl opens an editor (`edit`, `create --edit`, `apply edit-last-applied`). kubectl
 *   itself needs no terminal, so its stdout and stderr go to the app's Output pane and only the
 *   editor gets the terminal, through kubedojo's KUBE_EDITOR wrapper (dist/editor.js).
 * - `terminal`: a session on the terminal (`exec -it`, `attach -it`, `run -it`, `minikube ssh`):
 *   the remote side needs stdin and stdout to be the terminal, so only stderr — kubectl's own
 *   lines, e.g. "command terminated with exit code 4" or a refused upgrade — goes to the pane.
 */
import { flagIsOn, scanKubectlArgs } from './kubectl-args.js';

export type InteractiveKind = 'editor' | 'terminal';

export function interactiveKind(argv: readonly string[]): InteractiveKind {
  const [program, ...args] = argv;
  if (!/(^|\/)kubectl$/.test(program ?? '')) return 'terminal';
  const scanned = scanKubectlArgs(args);
  const [subcommand, second] = scanned.positionals;
  if (subcommand === 'edit' || (subcommand === 'apply' && second === 'edit-last-applied') || flagIsOn(scanned, 'edit')) return 'editor';
  return 'terminal';
}

/**
 * The learner's editor: KUBE_EDITOR, then EDITOR, as kubectl picks it. With neither set, nano when
 * it is installed (a newcomer can save and quit it without knowing vi's modes, and it does not
 * re-indent typed YAML as vim does), else kubectl's own vi; the note says how to save and quit.
 */
export function chooseEditor(env: Readonly<Record<string, string | undefined>>, hasNano: boolean): { editor: string; note: string | undefined } {
  const chosen = env.KUBE_EDITOR?.trim() || env.EDITOR?.trim();
  if (chosen) return { editor: chosen, note: undefined };
  if (hasNano) return { editor: 'nano', note: 'kubedojo: opening nano (save: Ctrl+O, Enter; quit: Ctrl+X). Set EDITOR to use another editor.' };
  return { editor: 'vi', note: 'kubedojo: opening vi (save and quit: Esc, then :wq Enter). Set EDITOR to use another editor.' };
}

/** A value for KUBE_EDITOR that runs `argv`: quoted for `sh -c`, which kubectl uses when it has spaces. */
export function kubeEditorValue(argv: readonly string[]): string {
  return argv.map((word) => `'${word.replaceAll("'", `'\\''`)}'`).join(' ');
}
