/**
 * Property (issue #7): putting any kubectl flag, well formed, in front of a forbidden flag or
 * namespace never turns a refused line into an allowed one. The old guard failed this for every
 * boolean it did not list (`--disable-compression` swallowed the next word).
 */
import { describe, expect, it } from 'vitest';
import { commandPolicy } from '../../../src/engine/commands/command-policy.js';
import { KUBECTL_FLAG_TABLE } from '../../../src/engine/commands/kubectl-flag-table.generated.js';
import type { KubectlFlagRow } from '../../../src/engine/commands/kubectl-flag-types.js';

/** A refused line, split where the extra flags go. */
interface Base {
  program: string[];
  command: string;
  before: string[];
  forbidden: string[];
}

const BASES: Base[] = [
  { program: ['kubectl'], command: 'get', before: ['get', 'pods'], forbidden: ['--kubeconfig=/etc/kubernetes/admin.conf'] },
  { program: ['kubectl'], command: 'get', before: ['get', 'pods'], forbidden: ['--context', 'other'] },
  { program: ['kubectl'], command: 'get', before: ['get', 'pods'], forbidden: ['-s', 'https://elsewhere'] },
  { program: ['kubectl'], command: 'get', before: ['get', 'pods'], forbidden: ['--as-group=system:masters'] },
  { program: ['kubectl'], command: 'delete', before: ['delete'], forbidden: ['ns', 'default'] },
  { program: ['kubectl'], command: 'delete', before: ['delete', 'pods', '--all'], forbidden: ['--namespace=kube-system'] },
  { program: ['kubectl'], command: 'delete', before: ['delete', 'pod', 'x'], forbidden: ['-n', 'kube-system'] },
  { program: ['kubectl'], command: 'delete', before: ['delete', 'pods', '--all'], forbidden: ['-A'] },
  { program: ['kubectl'], command: 'scale', before: ['scale', 'deploy', 'web', '--replicas=2'], forbidden: ['-nkube-system'] },
  { program: ['kubectl'], command: 'label', before: ['label'], forbidden: ['node', 'minikube', 'x=y'] },
  { program: ['kubectl'], command: 'port-forward', before: ['port-forward', 'svc/web', '8080:80'], forbidden: ['--address', '0.0.0.0'] },
  { program: ['minikube', 'kubectl', '--'], command: 'get', before: ['get', 'pods'], forbidden: ['--context=prod'] },
];

/** Every well-formed spelling of a flag: bare for booleans, with a value otherwise. */
function spellings([name, shorthand, kind]: KubectlFlagRow): string[][] {
  if (name === 'help') return []; // `--help` prints help and runs nothing: nothing to refuse
  const forms: string[][] = [];
  if (kind === 'bool' || kind === 'optional') {
    forms.push([`--${name}`], [`--${name}=true`]);
    if (shorthand !== '') forms.push([`-${shorthand}`]);
  }
  if (kind === 'value' || kind === 'optional') forms.push([`--${name}=1`]);
  if (kind === 'value') {
    forms.push([`--${name}`, '1']);
    if (shorthand !== '') forms.push([`-${shorthand}`, '1'], [`-${shorthand}1`]);
  }
  return forms;
}

function flagsOf(command: string): KubectlFlagRow[] {
  return [...KUBECTL_FLAG_TABLE.globalFlags, ...(KUBECTL_FLAG_TABLE.commands[command]?.flags ?? [])];
}

// A small deterministic generator (fast-check is not installed): a 32-bit LCG.
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('command guard: a flag in front never turns refused into allowed', () => {
  it('every base line is refused on its own', () => {
    for (const base of BASES) {
      expect(commandPolicy([...base.program, ...base.before, ...base.forbidden]).allowed, base.forbidden.join(' ')).toBe(false);
    }
  });

  it('for every flag of the command, in every spelling', () => {
    let tried = 0;
    for (const base of BASES) {
      for (const row of flagsOf(base.command)) {
        for (const form of spellings(row)) {
          const argv = [...base.program, ...base.before, ...form, ...base.forbidden];
          tried += 1;
          expect(commandPolicy(argv).allowed, argv.join(' ')).toBe(false);
        }
      }
    }
    expect(tried).toBeGreaterThan(1000);
  });

  it('for random runs of up to four flags from the whole table, at any place before the forbidden words', () => {
    const every = [...KUBECTL_FLAG_TABLE.globalFlags, ...Object.values(KUBECTL_FLAG_TABLE.commands).flatMap((row) => row.flags)];
    const random = lcg(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    for (let run = 0; run < 3000; run += 1) {
      const base = pick(BASES);
      const inserted: string[] = [];
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count; i += 1) {
        const forms = spellings(pick(random() < 0.5 ? flagsOf(base.command) : every));
        if (forms.length > 0) inserted.push(...pick(forms));
      }
      const at = Math.floor(random() * (base.before.length + 1));
      const argv = [...base.program, ...base.before.slice(0, at), ...inserted, ...base.before.slice(at), ...base.forbidden];
      expect(commandPolicy(argv).allowed, argv.join(' ')).toBe(false);
    }
  });
});
