import { kubectlRefusal, type KubectlRefusal } from './kubectl-guard.js';
import { typoDistance } from './typo-distance.js';
import { isLiteralLoopback } from '../net/literal-loopback.js';

/**
 * Which minikube commands kubedojo runs (issue #7): starting, inspecting and reaching the local
 * cluster. `delete`, `ssh`, `mount`, `cp` and the rest act on the learner's machine and are
 * refused. `minikube kubectl -- …` is kubectl, so the kubectl guard judges what follows `--`.
 */

/** Subcommand → the second words allowed under it (`undefined`: no second word needed). */
const ALLOWED: Readonly<Record<string, readonly string[] | undefined>> = {
  start: undefined,
  status: undefined,
  stop: undefined,
  ip: undefined,
  service: undefined,
  addons: ['list', 'enable'],
  dashboard: undefined,
  tunnel: undefined,
  image: ['load'],
  version: undefined,
  profile: ['list'],
  kubectl: undefined,
};

const OWN_TERMINAL = 'run it in your own terminal if you really mean it.';

interface MinikubeWords {
  subcommand: string | undefined;
  /** Index of the subcommand in args. */
  at: number;
}

/** minikube's subcommand, after an optional leading `-p NAME` / `--profile NAME`. */
function findSubcommand(args: readonly string[]): MinikubeWords | { problem: string } {
  let i = 0;
  const first = args[0];
  if (first === '-p' || first === '--profile') i = 2;
  else if (first !== undefined && (first.startsWith('--profile=') || /^-p[^-]/.test(first))) i = 1;
  const word = args[i];
  if (word !== undefined && word.startsWith('-')) {
    return { problem: `put minikube's flags after its command (\`minikube start ${word}\`), so kubedojo can tell which command it is.` };
  }
  return { subcommand: word, at: i };
}

function flagOf(args: readonly string[], name: string): { present: boolean; values: string[] } {
  const values: string[] = [];
  let present = false;
  args.forEach((word, i) => {
    if (word === `--${name}`) {
      present = true;
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) values.push(next);
    } else if (word.startsWith(`--${name}=`)) {
      present = true;
      values.push(word.slice(name.length + 3));
    }
  });
  return { present, values };
}

export function minikubeRefusal(args: readonly string[], namespace: string): KubectlRefusal | undefined {
  const found = findSubcommand(args);
  if ('problem' in found) return { reason: found.problem };
  const { subcommand, at } = found;
  if (subcommand === undefined) return undefined; // `minikube` alone prints its help
  if (!(subcommand in ALLOWED)) return unknownSubcommand(subcommand, args, at);

  const rest = args.slice(at + 1);
  const seconds = ALLOWED[subcommand];
  if (seconds !== undefined) {
    const second = rest[0];
    if (second === undefined || !seconds.includes(second)) {
      return { reason: `kubedojo runs \`minikube ${subcommand}\` as ${seconds.map((s) => `\`minikube ${subcommand} ${s}\``).join(' or ')} only: ${OWN_TERMINAL}` };
    }
  }

  switch (subcommand) {
    case 'kubectl':
      return minikubeKubectlRefusal(rest, namespace);
    case 'start': {
      const mount = ['mount', 'mount-string'].find((flag) => flagOf(rest, flag).present);
      if (mount !== undefined) return { reason: `\`minikube start --${mount}\` shares your files with the cluster: ${OWN_TERMINAL}` };
      return addressRefusal('start', rest, 'listen-address');
    }
    case 'tunnel':
      return addressRefusal('tunnel', rest, 'bind-address');
    case 'dashboard': {
      const url = flagOf(rest, 'url');
      if (!url.present || url.values.includes('false')) {
        return { reason: 'kubedojo runs `minikube dashboard --url` (it prints the address instead of opening a browser).', suggestion: [...args.slice(0, at + 1), '--url', ...rest] };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function addressRefusal(subcommand: string, rest: readonly string[], flag: string): KubectlRefusal | undefined {
  const open = flagOf(rest, flag).values.find((address) => !isLiteralLoopback(address));
  if (open === undefined) return undefined;
  return { reason: `\`minikube ${subcommand} --${flag} ${open}\` would let other machines in: kubedojo listens on loopback only.` };
}

/** `minikube kubectl -- get pods`: every flag after `--` belongs to kubectl, none before it. */
function minikubeKubectlRefusal(rest: readonly string[], namespace: string): KubectlRefusal | undefined {
  const dashDash = rest.indexOf('--');
  const before = dashDash === -1 ? rest : rest.slice(0, dashDash);
  if (before.some((word) => word.startsWith('-'))) {
    return { reason: 'write `minikube kubectl -- <kubectl arguments>`: a flag before `--` goes to minikube, not kubectl.' };
  }
  const kubectlArgs = dashDash === -1 ? rest : [...before, ...rest.slice(dashDash + 1)];
  const refusal = kubectlRefusal(kubectlArgs, namespace);
  // A kubectl suggestion is an argv for kubectl alone, not for `minikube kubectl --`.
  return refusal === undefined ? undefined : { reason: refusal.reason };
}

function unknownSubcommand(subcommand: string, args: readonly string[], at: number): KubectlRefusal {
  const names = Object.keys(ALLOWED);
  const close = names
    .map((name) => ({ name, distance: typoDistance(subcommand.toLowerCase(), name) }))
    .filter(({ distance }) => distance <= 2)
    .sort((a, b) => a.distance - b.distance)[0];
  const lead = `kubedojo does not run \`minikube ${subcommand}\` (it runs ${names.map((name) => `\`${name}\``).join(', ')}).`;
  if (close === undefined) return { reason: `${lead} To do more, ${OWN_TERMINAL}` };
  return {
    reason: `${lead} Did you mean \`minikube ${close.name}\`?`,
    suggestion: [...args.slice(0, at), close.name, ...args.slice(at + 1)],
  };
}
