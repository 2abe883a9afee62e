/**
 * Pods whose status the test writes itself: bound to a node the sandbox's kubelet does not manage
 * (as if another machine ran them), so the traffic tests do not depend on container timings.
 */
import type { Sandbox } from '../../../src/sandbox/index.js';
import { PODS } from '../../../src/sandbox/controllers/kinds.js';
import type { KubeObject } from '../../../src/sandbox/api/status.js';

export const TEST_NODE = 'traffic-test-node';

export interface PodSpec {
  name: string;
  ip: string;
  namespace?: string;
  labels?: Record<string, string>;
  containers?: string[];
  /** false: the containers are still waiting (ContainerCreating). */
  running?: boolean;
  ready?: boolean;
}

export function runningPod(sandbox: Sandbox, spec: PodSpec): KubeObject {
  const containers = spec.containers ?? ['nginx'];
  const running = spec.running ?? true;
  const ready = running && (spec.ready ?? true);
  const namespace = spec.namespace ?? 'default';
  const created = sandbox.registry.create(PODS, namespace, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: spec.name, labels: spec.labels ?? { app: 'web' } },
    spec: { nodeName: TEST_NODE, containers: containers.map((name) => ({ name, image: 'nginx:1.25', ports: [{ containerPort: 80 }] })) },
  }).object;
  const now = sandbox.clock.timestamp();
  const status: KubeObject = {
    phase: running ? 'Running' : 'Pending',
    conditions: [
      { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now },
      { type: 'ContainersReady', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now },
    ],
    hostIP: '192.168.49.3',
    podIP: spec.ip,
    podIPs: [{ ip: spec.ip }],
    startTime: now,
    containerStatuses: containers.map((name) => ({
      name,
      image: 'nginx:1.25',
      imageID: '',
      ready,
      restartCount: 0,
      started: running,
      state: running ? { running: { startedAt: now } } : { waiting: { reason: 'ContainerCreating' } },
    })),
  };
  return sandbox.registry.update(PODS, namespace, spec.name, { ...created, status }, { subresource: 'status' }).object;
}
