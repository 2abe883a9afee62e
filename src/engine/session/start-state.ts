/**
 * A lesson's start state (lessons/README.md, "Start state and catch-up"): empty the tutorial
 * namespace, apply `start.manifests` with `kubectl apply -f`, then run `start.commands`.
 * Shared by reset, catch-up and `kubedojo rehearse`.
 *
 * "Empty" means: every Deployment, ReplicaSet, Pod and Service in the namespace, whichever lesson
 * made it (start states are absolute, so nothing earlier is needed), deleted in the foreground and
 * waited for, so no Pod of the old state is still terminating when the new one is built.
 * ConfigMaps, Secrets and ServiceAccounts are left alone: clusters keep their own there
 * (`kube-root-ca.crt`, the `default` ServiceAccount) and no lesson creates any.
 */
import { formatArgv } from '../checks/command-match.js';
import { interpretCommandLine } from '../commands/command-policy.js';
import type { CommandEnv, CommandRunner, OutputLine } from '../commands/command-runner.js';
import { manifestFiles } from '../lessons/lesson-helpers.js';
import type { Lesson } from '../lessons/schema.js';

/** The kinds a start state replaces (Endpoints go with their Services). */
export const EMPTIED_RESOURCES = ['deployments', 'replicasets', 'services', 'pods'] as const;

export interface StartStateDeps {
  runner: CommandRunner;
  /** Must carry `KUBECONFIG` of the pinned kubeconfig. */
  env: CommandEnv;
  namespace: string;
  /** Each command is echoed as `$ kubectl …`, then its output follows. */
  onLine?: (line: OutputLine) => void;
  signal?: AbortSignal;
}

export type StartStateResult = { ok: true } | { ok: false; message: string };

/** Deletes what a start state replaces, and waits until it is gone. */
export function emptyNamespace(deps: StartStateDeps): Promise<StartStateResult> {
  const argv = [
    'kubectl', 'delete', EMPTIED_RESOURCES.join(','), '--all',
    // Named even though the pinned kubeconfig already says it: a delete --all must never land elsewhere.
    `--namespace=${deps.namespace}`,
    '--cascade=foreground', '--wait=true', '--ignore-not-found=true', '--timeout=180s',
  ];
  return runStep(argv, formatArgv(argv), deps);
}

/** Empties the namespace and builds `lesson`'s start state; stops at the first failing command. */
export async function buildStartState(lesson: Lesson, deps: StartStateDeps): Promise<StartStateResult> {
  const emptied = await emptyNamespace(deps);
  if (!emptied.ok) return emptied;
  const files = manifestFiles(lesson);
  for (const [index, manifest] of lesson.start.manifests.entries()) {
    const applied = await runStep(['kubectl', 'apply', '-f', files[index]!], `kubectl apply -f ${manifest}`, deps);
    if (!applied.ok) return applied;
  }
  for (const text of lesson.start.commands) {
    const decision = interpretCommandLine(text, { namespace: deps.namespace });
    if (!decision.allowed) return { ok: false, message: `start command \`${text}\` is refused: ${decision.reason}` };
    if (decision.mode !== 'ordinary') return { ok: false, message: `start command \`${text}\` does not end on its own` };
    const ran = await runStep(decision.argv, text, deps);
    if (!ran.ok) return ran;
  }
  return { ok: true };
}

async function runStep(argv: readonly string[], shown: string, deps: StartStateDeps): Promise<StartStateResult> {
  deps.onLine?.({ stream: 'stdout', text: `$ ${shown}` });
  const errors: string[] = [];
  const result = await deps.runner.run(argv, {
    env: deps.env,
    signal: deps.signal,
    onLine: (line) => {
      if (line.stream === 'stderr') errors.push(line.text);
      deps.onLine?.(line);
    },
  });
  if (result.exitCode === 0) return { ok: true };
  const why = result.startError ?? errors.at(-1) ?? `exit code ${result.exitCode}`;
  return { ok: false, message: `\`${shown}\` failed (exit ${result.exitCode}): ${why}` };
}
