/**
 * Commands the app answers itself instead of spawning a program: `curl URL` (loopback-curl.ts),
 * `edit FILE` (a workspace file in the learner's editor), and on the sandbox `minikube service
 * NAME --url` (sandbox-minikube-service.ts). The command session asks `match` first; anything it
 * does not claim goes through the ordinary policy and kubectl.
 */
import { isAbsolute, join, relative } from 'node:path';
import { parseCommandLine } from '../commands/parse-command-line.js';
import { loopbackCurl } from './loopback-curl.js';
import { answerMinikubeService, isMinikubeService, type ServicePorts } from './sandbox-minikube-service.js';

export interface InAppContext {
  signal: AbortSignal;
  onLine(line: string, stream: 'stdout' | 'stderr'): void;
}

/**
 * `ran` checks read the last command; `recorded: false` (curl, edit) leaves it alone, so fetching
 * the page after `minikube service --url` does not undo that step's check.
 */
export type InAppCommand =
  /** Runs inside the app; resolves to the exit code. */
  | { kind: 'inline'; recorded: boolean; run(context: InAppContext): Promise<number> }
  /** Needs the terminal: the session runs `argv` through its interactive runner. */
  | { kind: 'interactive'; recorded: boolean; argv: string[] }
  /** Claimed, but cannot run: the reason is shown like a refusal. */
  | { kind: 'refused'; reason: string };

export interface InAppDeps {
  namespace: string;
  sandbox(): boolean;
  /** The current lesson's workspace folder, if it has one. */
  workspaceDir(): string | undefined;
  /** The learner's editor command (`$VISUAL`, `$EDITOR`), default `vi`. */
  editor?: string;
  nodeAddresses(): Promise<string[]>;
  readService(namespace: string, name: string): Promise<ServicePorts | undefined>;
}

/** The in-app command for `argv`, or undefined when it is an ordinary command. */
export function matchInAppCommand(argv: readonly string[], deps: InAppDeps): InAppCommand | undefined {
  const [program, ...args] = argv;
  if (program === 'curl') return curlCommand(args, deps);
  if (program === 'edit') return editCommand(args, deps);
  if (deps.sandbox() && isMinikubeService(argv)) {
    return { kind: 'inline', recorded: true, run: ({ onLine }) => answerMinikubeService(argv, { namespace: deps.namespace, readService: deps.readService, onLine }) };
  }
  return undefined;
}

function curlCommand(args: readonly string[], deps: InAppDeps): InAppCommand {
  // curl's -i / -s / -v change only what it prints; ours always prints status and headers.
  const urls = args.filter((arg) => !arg.startsWith('-'));
  if (urls.length !== 1) return { kind: 'refused', reason: 'kubedojo\'s curl fetches one URL: `curl http://127.0.0.1:30080`.' };
  const url = urls[0]!;
  return {
    kind: 'inline',
    recorded: false,
    run: async ({ signal, onLine }) => loopbackCurl(url, { nodeAddresses: await deps.nodeAddresses(), signal, onLine }),
  };
}

function editCommand(args: readonly string[], deps: InAppDeps): InAppCommand {
  const dir = deps.workspaceDir();
  if (dir === undefined) return { kind: 'refused', reason: 'This lesson has no files to edit: `edit FILE` opens the files of lessons that hand you some.' };
  if (args.length !== 1) return { kind: 'refused', reason: `Name one file of this lesson: \`edit storefront.yaml\` (they are in ${dir}).` };
  const file = isAbsolute(args[0]!) ? args[0]! : join(dir, args[0]!);
  const inside = relative(dir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { kind: 'refused', reason: `\`edit\` opens the files in this lesson's folder, ${dir}.` };
  }
  const editor = parseCommandLine(deps.editor ?? process.env.VISUAL ?? process.env.EDITOR ?? 'vi');
  const editorArgv = editor.ok && editor.argv.length > 0 ? editor.argv : ['vi'];
  return { kind: 'interactive', recorded: false, argv: [...editorArgv, file] };
}
