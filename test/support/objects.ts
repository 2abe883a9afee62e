/** Reading sandbox state in tests, by kind instead of by resource type. */
import { typeOfKind } from '../../src/sandbox/api/resources.js';
import type { KubeObject } from '../../src/sandbox/api/status.js';
import type { Sandbox } from '../../src/sandbox/index.js';

const GROUPS: Record<string, string> = { Deployment: 'apps', ReplicaSet: 'apps', EndpointSlice: 'discovery.k8s.io' };

export function objectsOf(sandbox: Sandbox, kind: string, namespace = 'default'): KubeObject[] {
  return sandbox.store.list(typeOfKind(GROUPS[kind] ?? '', kind), { namespace }).items;
}

export function objectOf(sandbox: Sandbox, kind: string, name: string, namespace = 'default'): KubeObject | undefined {
  return sandbox.store.peek(typeOfKind(GROUPS[kind] ?? '', kind), namespace, name);
}

export function isPodReady(pod: KubeObject): boolean {
  return !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c: KubeObject) => c.type === 'Ready' && c.status === 'True');
}

/** Pods owned (through a ReplicaSet) by a Deployment, by its selector labels. */
export function podsOf(sandbox: Sandbox, app: string, namespace = 'default'): KubeObject[] {
  return objectsOf(sandbox, 'Pod', namespace).filter((p) => p.metadata.labels?.app === app);
}

export function deploymentSettled(sandbox: Sandbox, name: string, replicas: number, namespace = 'default'): boolean {
  const d = objectOf(sandbox, 'Deployment', name, namespace);
  if (!d) return false;
  const s = d.status ?? {};
  return (
    s.observedGeneration === d.metadata.generation &&
    s.updatedReplicas === replicas &&
    s.readyReplicas === replicas &&
    s.availableReplicas === replicas &&
    s.replicas === replicas
  );
}

/** Pods not marked for deletion: the ones a ReplicaSet counts (Terminating ones linger a moment). */
export function livePodsOf(sandbox: Sandbox, app: string, namespace = 'default'): KubeObject[] {
  return podsOf(sandbox, app, namespace).filter((p) => !p.metadata.deletionTimestamp);
}
