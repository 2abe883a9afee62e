import { ALLOWED_KUBECTL_COMMANDS, READ_ONLY_KUBECTL_COMMANDS } from './kubectl-allow-list.js';
import { KUBECTL_FLAG_TABLE } from './kubectl-flag-table.generated.js';
import { flagIsOn, flagValue, flagValues, hasFlag, scanKubectlArgs, shorthandKinds, type KubectlArgs } from './kubectl-args.js';
import { scanRawFlags } from './raw-flag-scan.js';
import { typoDistance } from './typo-distance.js';
import { isWritableNamespace, namespaceObjectRefusal, readTargets, targetRefusal } from './write-targets.js';
import { isLiteralLoopback } from '../net/literal-loopback.js';

/**
 * The argv-level half of the safety rules (issue #7): kubectl always runs with the kubeconfig
 * kubedojo wrote (one context, pinned to the tutorial namespace), and this guard refuses what
 * would step out of it. It reads the line exactly as kubectl 1.32 does (kubectl-args.ts), and on
 * top of that scans every word for connection flags whatever the parse says. It cannot see
 * inside `-f file.yaml`; a manifest that names another namespace is left to the cluster.
 */

export interface KubectlRefusal {
  reason: string;
  /** A corrected argv (without `kubectl`) when there is a good guess. */
  suggestion?: string[];
}

const OWN_TERMINAL = 'run it in your own terminal if you really mean it.';
// Flags that write files of kubectl's own wherever they point.
const LOCAL_FILE_FLAGS = ['profile', 'profile-output', 'cache-dir'];
// Changing commands that could reach past the namespace: `--raw` sends any request to any path,
// `apply --prune` deletes whatever the manifests leave out (cluster-wide kinds included).
const WIDENING_WRITE_FLAGS = ['raw', 'prune'];
// Commands whose arguments name objects (`deploy web`, `ns/x`) rather than files or pods.
const TARGETING_COMMANDS = new Set(['delete', 'label', 'annotate', 'patch', 'edit', 'scale', 'expose', 'rollout', 'set', 'replace']);
const CLUSTER_WIDE_CREATE = new Set(['clusterrole', 'clusterrolebinding', 'priorityclass']);
const MAX_TYPO_DISTANCE = 2;

/** Returns why kubedojo refuses these kubectl arguments, or undefined when they are fine. */
export function kubectlRefusal(args: readonly string[], namespace: string): KubectlRefusal | undefined {
  const scanned = scanKubectlArgs(args);
  const raw = scanRawFlags(args, shorthandKinds(scanned.command));
  const connectionFlag = raw.connectionFlags[0];
  if (connectionFlag !== undefined) {
    return { reason: `\`${connectionFlag}\` would point kubectl away from the cluster kubedojo pinned it to: ${OWN_TERMINAL}` };
  }

  const commandProblem = commandRefusal(scanned, args);
  if (commandProblem !== undefined) return commandProblem;
  const name = `kubectl ${scanned.command.join(' ')}`;
  const parseProblem = scanned.problems[0];
  if (parseProblem !== undefined) return { reason: flagProblemText(name, parseProblem, scanned.command) };

  const localFile = LOCAL_FILE_FLAGS.find((flag) => hasFlag(scanned, flag));
  if (localFile !== undefined) return { reason: `\`--${localFile}\` writes kubectl's files outside kubedojo's control: ${OWN_TERMINAL}` };
  const listener = listenerRefusal(scanned);
  if (listener !== undefined) return { reason: listener };

  const key = scanned.command.join(' ');
  if (key === '' || READ_ONLY_KUBECTL_COMMANDS.has(key)) return undefined;
  const write = writeRefusal(scanned, raw.namespaces, raw.allNamespaces, namespace);
  return write === undefined ? undefined : { reason: write };
}

/** Plugins, commands kubedojo does not run, and parent commands given a word that is not one of theirs. */
function commandRefusal(scanned: KubectlArgs, args: readonly string[]): KubectlRefusal | undefined {
  const [top] = scanned.command;
  if (top === undefined) {
    const [word] = scanned.args;
    if (word === undefined) return undefined; // `kubectl`, `kubectl --help`: kubectl's own help
    return unknownWord(`kubectl ${word}`, word, Object.keys(ALLOWED_KUBECTL_COMMANDS), args,
      `\`kubectl ${word}\` is not a kubectl command kubedojo runs (kubectl would look for a plugin program \`kubectl-${word}\`).`);
  }
  const allowedSubcommands = ALLOWED_KUBECTL_COMMANDS[top];
  if (!(top in ALLOWED_KUBECTL_COMMANDS)) {
    return { reason: `kubedojo does not run \`kubectl ${top}\` (the course never needs it): ${OWN_TERMINAL}` };
  }
  const sub = scanned.command[1];
  if (sub !== undefined && allowedSubcommands !== undefined && !allowedSubcommands.includes(sub)) {
    const kinds = allowedSubcommands.length === 0 ? 'none of its subcommands' : allowedSubcommands.map((name) => `\`${name}\``).join(', ');
    return { reason: `kubedojo runs \`kubectl ${top}\` with ${kinds} only, not \`${sub}\`: ${OWN_TERMINAL}` };
  }
  // A parent such as `rollout` or `create secret` given a word that names none of its subcommands:
  // kubectl would fail, or (for `create`) look for a plugin `kubectl-create-<word>`.
  const row = KUBECTL_FLAG_TABLE.commands[scanned.command.join(' ')];
  const [word] = scanned.args;
  if (row !== undefined && row.subcommands.length > 0 && word !== undefined) {
    const names = allowedSubcommands !== undefined && scanned.command.length === 1 ? allowedSubcommands : row.subcommands;
    const where = `kubectl ${scanned.command.join(' ')}`;
    return unknownWord(`${where} ${word}`, word, names, args, `\`${where}\` has no subcommand \`${word}\`.`);
  }
  return undefined;
}

function unknownWord(what: string, word: string, candidates: readonly string[], args: readonly string[], lead: string): KubectlRefusal {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = typoDistance(word.toLowerCase(), name);
    if (distance <= MAX_TYPO_DISTANCE && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  if (best === undefined) return { reason: `${lead} ${what === `kubectl ${word}` ? 'kubedojo runs the course’s kubectl commands only' : 'Check the spelling'}.` };
  const at = args.indexOf(word);
  const suggestion = [...args.slice(0, at), best.name, ...args.slice(at + 1)];
  return { reason: `${lead} Did you mean \`${best.name}\`?`, suggestion };
}

function flagProblemText(name: string, problem: string, command: readonly string[]): string {
  const unknown = /^unknown flag: --(.+)$/.exec(problem);
  if (unknown) {
    const known = [...KUBECTL_FLAG_TABLE.globalFlags, ...(KUBECTL_FLAG_TABLE.commands[command.join(' ')]?.flags ?? [])].map(([flag]) => flag);
    const close = known.find((flag) => typoDistance(unknown[1]!, flag) <= MAX_TYPO_DISTANCE);
    const hint = close === undefined ? '' : ` Did you mean \`--${close}\`?`;
    return `\`${name}\` has no flag \`--${unknown[1]}\` (kubectl ${KUBECTL_FLAG_TABLE.version.replace(/-.*/, '')}).${hint}`;
  }
  return `kubectl would refuse this: ${problem} (see \`${name} --help\`).`;
}

/** `proxy` and `port-forward` listen on this machine: loopback only, and the proxy keeps its request filter. */
function listenerRefusal(scanned: KubectlArgs): string | undefined {
  const [top] = scanned.command;
  if (top !== 'proxy' && top !== 'port-forward') return undefined;
  const addresses = flagValues(scanned, 'address').flatMap((value) => (top === 'port-forward' ? value.split(',') : [value]));
  const open = addresses.find((address) => !isLiteralLoopback(address.trim()));
  if (open !== undefined) {
    return `\`kubectl ${top} --address ${open}\` would let other machines in: kubedojo listens on loopback only (\`127.0.0.1\`, \`::1\`, \`localhost\`).`;
  }
  if (top === 'proxy' && (hasFlag(scanned, 'accept-hosts') || flagIsOn(scanned, 'disable-filter'))) {
    return '`kubectl proxy` keeps its default request filter in kubedojo (it stops web pages from reaching your cluster through it).';
  }
  return undefined;
}

function writeRefusal(scanned: KubectlArgs, rawNamespaces: readonly string[], rawAllNamespaces: boolean, namespace: string): string | undefined {
  const name = `kubectl ${scanned.command.join(' ')}`;
  const widening = WIDENING_WRITE_FLAGS.find((flag) => hasFlag(scanned, flag));
  if (widening !== undefined) return `\`${name} --${widening}\` can reach past the course's namespaces: ${OWN_TERMINAL}`;

  const named = [flagValue(scanned, 'namespace'), ...rawNamespaces].filter((ns): ns is string => ns !== undefined);
  const other = named.find((ns) => !isWritableNamespace(ns, namespace));
  if (other !== undefined) {
    return `kubedojo only changes its own namespace \`${namespace}\` (and \`kubedojo-…\` ones), not \`${other}\`: drop \`-n ${other}\`, or ${OWN_TERMINAL}`;
  }
  if (flagIsOn(scanned, 'all-namespaces') || rawAllNamespaces) {
    return `\`--all-namespaces\` would change every namespace, and kubedojo only changes \`${namespace}\`: ${OWN_TERMINAL}`;
  }

  const [top, sub] = scanned.command;
  if (top === 'create' && sub !== undefined) {
    if (sub === 'token') return `\`kubectl create token\` hands out a credential for the cluster: ${OWN_TERMINAL}`;
    if (CLUSTER_WIDE_CREATE.has(sub)) return `\`kubectl create ${sub}\` changes the whole cluster, and kubedojo only changes the course's namespaces: ${OWN_TERMINAL}`;
    if (sub === 'namespace') return wrap(namespaceObjectRefusal(scanned.args.slice(0, 1), namespace));
    return undefined;
  }
  if (!TARGETING_COMMANDS.has(top!)) return undefined;
  const selectsMany = flagIsOn(scanned, 'all') || hasFlag(scanned, 'selector') || hasFlag(scanned, 'field-selector');
  return wrap(targetRefusal(readTargets(scanned.args), selectsMany, namespace));
}

const wrap = (reason: string | undefined): string | undefined => (reason === undefined ? undefined : `${reason}: ${OWN_TERMINAL}`);
