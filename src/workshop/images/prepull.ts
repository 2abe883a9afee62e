/**
 * `workshop prepull`: pulls the course's images onto every node of a shared cluster before the
 * room arrives (bad wifi). A DaemonSet in a namespace of its own runs one init container per
 * image (`sh -c true`: the pull is the point) and then the pause image; once every node reports
 * it ready, the namespace goes, DaemonSet and all. Progress is printed as nodes finish.
 */
import { ApiException, AppsV1Api, CoreV1Api, type KubeConfig, type V1DaemonSet } from '@kubernetes/client-node';
import { WorkshopError } from '../workshop-cluster.js';
import { workshopLabels } from '../plan/workshop-plan.js';

export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

export function prepullNamespace(workshop: string): string {
  return `kubedojo-prepull-${workshop}`;
}

/** The DaemonSet (pure, for tests). */
export function prepullDaemonSet(workshop: string, images: readonly string[]): V1DaemonSet {
  const labels = { ...workshopLabels(workshop), 'app.kubernetes.io/name': 'kubedojo-prepull' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kubedojo-prepull', namespace: prepullNamespace(workshop), labels },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'kubedojo-prepull' } },
      template: {
        metadata: { labels },
        spec: {
          // Every node, control plane included: learners' Pods may land anywhere.
          tolerations: [{ operator: 'Exists' }],
          terminationGracePeriodSeconds: 0,
          initContainers: images.map((image, index) => ({
            name: `pull-${index}`,
            image,
            imagePullPolicy: 'IfNotPresent',
            command: ['sh', '-c', 'true'],
            resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
          })),
          containers: [{ name: 'done', image: PAUSE_IMAGE, resources: { requests: { cpu: '1m', memory: '8Mi' }, limits: { cpu: '10m', memory: '16Mi' } } }],
        },
      },
    },
  };
}

export interface PrepullOptions {
  kubeconfig: KubeConfig;
  workshop: string;
  images: readonly string[];
  timeoutMs: number;
  onProgress(line: string): void;
  pollMs?: number;
  /** How long to wait for the namespace to be gone afterwards; default 2 min. */
  removeTimeoutMs?: number;
}

export async function prepull(options: PrepullOptions): Promise<void> {
  const core = options.kubeconfig.makeApiClient(CoreV1Api);
  const apps = options.kubeconfig.makeApiClient(AppsV1Api);
  const namespace = prepullNamespace(options.workshop);
  const daemonSet = prepullDaemonSet(options.workshop, options.images);
  try {
    await core.createNamespace({ body: { metadata: { name: namespace, labels: workshopLabels(options.workshop) } } });
  } catch (error) {
    if (!(error instanceof ApiException && error.code === 409)) throw error;
  }
  try {
    try {
      await apps.createNamespacedDaemonSet({ namespace, body: daemonSet });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        throw new WorkshopError('this cluster serves no DaemonSets (apps/v1), so nothing can pull images onto its nodes');
      }
      if (!(error instanceof ApiException && error.code === 409)) throw error;
    }
    options.onProgress(`Pulling ${options.images.length} images on every node: ${options.images.join(', ')}`);
    const deadline = Date.now() + options.timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      const current = await apps.readNamespacedDaemonSet({ name: 'kubedojo-prepull', namespace });
      const status = current.status;
      const desired = status?.desiredNumberScheduled ?? 0;
      const ready = status?.numberReady ?? 0;
      // As `kubectl rollout status`: counts of this spec (observed), on Pods of this template (updated).
      const observed = (status?.observedGeneration ?? 0) >= (current.metadata?.generation ?? 1);
      const updated = status?.updatedNumberScheduled ?? 0;
      const line = `${ready}/${desired} nodes have every image`;
      if (observed && line !== last) options.onProgress(line);
      if (observed) last = line;
      if (observed && desired > 0 && ready === desired && updated === desired) {
        options.onProgress('Done: every node has the course’s images.');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 2000));
    }
    throw new WorkshopError(`pre-pull not done after ${Math.round(options.timeoutMs / 1000)}s (${last}): \`kubectl get pods -n ${namespace}\` shows which node is slow`);
  } finally {
    // It removes itself, done or not.
    await removeNamespace(core, namespace, options);
  }
}

/** Deletes the namespace (the DaemonSet and its Pods go with it) and waits, within reason, until it is gone. */
async function removeNamespace(core: CoreV1Api, namespace: string, options: PrepullOptions): Promise<void> {
  try {
    await core.deleteNamespace({ name: namespace });
  } catch (error) {
    if (error instanceof ApiException && error.code === 404) return;
    options.onProgress(`Could not remove namespace ${namespace} (${error instanceof Error ? error.message : String(error)}): \`kubectl delete namespace ${namespace}\` removes it.`);
    return;
  }
  const deadline = Date.now() + (options.removeTimeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    try {
      await core.readNamespace({ name: namespace });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) {
        options.onProgress(`Removed namespace ${namespace}, and the DaemonSet and its Pods with it.`);
        return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.pollMs ?? 2000, 500)));
  }
  options.onProgress(`Namespace ${namespace} is still terminating: \`kubectl get namespace ${namespace}\` shows when it is gone.`);
}
