import type { ContextDecision, LoadedKubeconfig } from '../cluster/index.js';
import { check } from './check.js';
import type { DoctorCheck } from './types.js';

export interface ContextCheckInput {
  loaded: LoadedKubeconfig;
  decision: ContextDecision;
  /** The files kubectl would read, for the "none found" message. */
  lookedAt: string[];
  namespace: string;
}

/** Check 4: which context kubedojo would practise on, and why (the app's own chooseContext). */
export function contextCheck({ loaded, decision, lookedAt, namespace }: ContextCheckInput): DoctorCheck {
  const found = judge(loaded, decision, lookedAt, namespace);
  if (loaded.problems.length === 0) return found;
  // kubedojo skips a file it cannot parse, but kubectl fails on it: say so even when the rest is fine.
  return check(
    'kubeconfig',
    found.status === 'ok' ? 'warn' : found.status,
    `${found.detail}\nUnreadable kubeconfig: ${loaded.problems.join('; ')}`,
    found.fix ?? 'Fix or remove the unreadable file: kubectl cannot read it either.',
  );
}

function judge(loaded: LoadedKubeconfig, decision: ContextDecision, lookedAt: string[], namespace: string): DoctorCheck {
  switch (decision.kind) {
    case 'use':
      return check('kubeconfig', decision.remote ? 'warn' : 'ok', decision.message);
    case 'refused':
      return check('kubeconfig', 'fail', decision.message, 'Pick a context from `kubectl config get-contexts`, or drop --context to let kubedojo choose.');
    case 'sandbox':
      break;
  }
  const { kubeconfig, files } = loaded;
  if (kubeconfig.getContexts().length === 0) {
    const where = files.length === 0 ? `No kubeconfig found (looked at ${lookedAt.join(', ')})` : `No contexts in ${files.join(', ')}`;
    return check('kubeconfig', 'ok', `${where}: kubedojo will use its built-in sandbox cluster.`);
  }
  const current = kubeconfig.getCurrentContext();
  if (kubeconfig.getContextObject(current) === null) {
    return check('kubeconfig', 'ok', 'No current context, and none of your contexts looks local: kubedojo will use its built-in sandbox cluster.');
  }
  // The current context is remote and no context is local: kubedojo leaves it alone.
  return check(
    'kubeconfig',
    'warn',
    decision.message,
    `To practise on \`${current}\` anyway (kubedojo then changes only the \`${namespace}\` namespace):\n` +
      `kubedojo --context ${current} --allow-remote\nOr start a local cluster: minikube start`,
  );
}
