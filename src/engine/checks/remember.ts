/**
 * `remember`: a step records values when it opens (after catch-up has settled), so a later check
 * can compare against them, e.g. "the Pod you saw before the edit is gone".
 */
import type { ClusterView } from './cluster-view.js';
import { isPodReady, nameOf } from './k8s.js';
import type { Kind } from './kinds.js';
import type { Remember, RememberSpec } from './schema.js';
import { livePods, podsOfDeployment } from './workload.js';

export type RememberedValue = { ok: true; value: string } | { ok: false; message: string };

/**
 * `podOf: {deployment}` remembers one Pod's name: the oldest ready one (ties by name), else the
 * oldest live one, so the pick is stable while nothing changes.
 */
export function rememberValue(spec: RememberSpec, view: ClusterView): RememberedValue {
  const name = spec.podOf.deployment;
  const deployment = view.get('Deployment', name);
  if (deployment === undefined) return { ok: false, message: `deployment ${name}: not found, nothing to remember` };
  const live = livePods(podsOfDeployment(deployment, view));
  const pod = live.find(isPodReady) ?? live[0];
  if (pod === undefined) return { ok: false, message: `deployment ${name}: no Pod yet, nothing to remember` };
  return { ok: true, value: nameOf(pod) };
}

export interface Captured {
  values: Record<string, string>;
  /** Messages for the names nothing could be remembered for (the engine may retry them). */
  problems: Record<string, string>;
}

export function captureRemembered(remember: Remember, view: ClusterView): Captured {
  const captured: Captured = { values: {}, problems: {} };
  for (const [key, spec] of Object.entries(remember)) {
    const result = rememberValue(spec, view);
    if (result.ok) captured.values[key] = result.value;
    else captured.problems[key] = result.message;
  }
  return captured;
}

export function resourcesWatchedByRemember(remember: Remember): Kind[] {
  return Object.keys(remember).length === 0 ? [] : ['Deployment', 'Pod'];
}
