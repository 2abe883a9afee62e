/**
 * Pacing on the cluster: the instructor writes `upTo` into the `kubedojo-pace` ConfigMap of every
 * learner's namespace (the learner may only read it); each learner's app watches its own.
 */
import { CoreV1Api, PatchStrategy, setHeaderOptions, Watch, type KubeConfig } from '@kubernetes/client-node';
import { retryDelay } from '../../engine/session/backoff.js';
import { listLearners } from '../workshop-cluster.js';
import { PACE_CONFIGMAP } from '../workshop-labels.js';
import type { Pace } from './pace.js';

/** Sets the pace for every learner of the workshop; returns how many. */
export async function setPace(kubeconfig: KubeConfig, workshop: string, upTo: string): Promise<number> {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  const learners = (await listLearners(kubeconfig, workshop)).filter((learner) => !learner.terminating);
  for (const learner of learners) {
    await core.patchNamespacedConfigMap({ name: PACE_CONFIGMAP, namespace: learner.namespace, body: { data: { upTo } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  }
  return learners.length;
}

export interface PaceWatch {
  stop(): void;
}

/**
 * Follows the learner's pace ConfigMap (a watch by name, which the learner's Role allows), calling
 * `onPace` on every change; reconnects with back-off. A missing ConfigMap means no pacing.
 */
export function watchPace(kubeconfig: KubeConfig, namespace: string, onPace: (pace: Pace) => void): PaceWatch {
  const watch = new Watch(kubeconfig);
  let stopped = false;
  let attempt = 0;
  let request: { abort(): void } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const again = (): void => {
    if (stopped) return;
    attempt += 1;
    timer = setTimeout(() => void start(), retryDelay(attempt));
    timer.unref?.();
  };

  async function start(): Promise<void> {
    try {
      request = await watch.watch(
        `/api/v1/namespaces/${namespace}/configmaps`,
        { fieldSelector: `metadata.name=${PACE_CONFIGMAP}` },
        (phase: string, object: { data?: Record<string, string> }) => {
          attempt = 0;
          onPace(phase === 'DELETED' ? {} : { upTo: object.data?.upTo ?? '' });
        },
        () => again(),
      );
    } catch {
      again();
    }
  }
  void start();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      request?.abort();
    },
  };
}
