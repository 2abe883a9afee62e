/**
 * The mirror's sink on a cluster: the `kubedojo-progress` ConfigMap in the learner's namespace.
 * A merge patch of the learner's keys (the instructor's `handClearedAt` stays); when the
 * ConfigMap is not there (a cluster without `workshop create`, or one deleted) it is created.
 */
import { ApiException, CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { MANAGED_BY, MANAGED_BY_LABEL, PROGRESS_CONFIGMAP, PROGRESS_LABEL } from '../workshop-labels.js';
import type { MirrorSink } from './progress-mirror.js';

export function configMapSink(kubeconfig: KubeConfig, namespace: string, name = PROGRESS_CONFIGMAP): MirrorSink {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  const labels = { [MANAGED_BY_LABEL]: MANAGED_BY, [PROGRESS_LABEL]: 'true' };
  return {
    async read() {
      try {
        return (await core.readNamespacedConfigMap({ name, namespace })).data ?? {};
      } catch (error) {
        if (error instanceof ApiException && error.code === 404) return undefined;
        throw error;
      }
    },
    async write(data) {
      try {
        await core.patchNamespacedConfigMap({ name, namespace, body: { metadata: { labels }, data } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 404)) throw error;
        await core.createNamespacedConfigMap({ namespace, body: { metadata: { name, namespace, labels }, data } });
      }
    },
  };
}
