import type { ContextDecision, ProbeResult } from '../cluster/index.js';
import { check } from './check.js';
import type { DoctorCheck } from './types.js';

/** Check 5 when there is a context to reach: did it answer `GET /version`? */
export function reachabilityCheck(contextName: string, probe: ProbeResult): DoctorCheck {
  if (probe.reachable) return check('cluster', 'ok', `\`${contextName}\` answers at ${probe.server} (Kubernetes ${probe.version}).`);
  const start = /minikube/i.test(contextName) ? 'minikube start' : `Start the cluster behind \`${contextName}\`.`;
  return check(
    'cluster',
    'fail',
    `Cannot reach \`${contextName}\`: ${probe.reason}.`,
    `${start}\nOr practise on kubedojo's built-in sandbox cluster instead: kubedojo --sandbox`,
  );
}

/** Check 5 when kubedojo would not contact any cluster of the kubeconfig. */
export function unreachedCheck(decision: Exclude<ContextDecision, { kind: 'use' }>): DoctorCheck {
  return decision.kind === 'sandbox'
    ? check('cluster', 'skip', 'Not needed: kubedojo will start its built-in sandbox cluster.')
    : check('cluster', 'skip', 'Not checked: kubedojo would not use the context asked for (see above).');
}
