/**
 * Where the board's learners come from: a watch of the progress ConfigMaps in every namespace
 * (label `kubedojo.dev/progress=true`), through client-node's informer, restarted with the
 * session's back-off when it fails. And the one write the board makes: clearing a hand.
 */
import { CoreV1Api, makeInformer, PatchStrategy, setHeaderOptions, type KubeConfig, type KubernetesObject, type ListPromise } from '@kubernetes/client-node';
import { getList } from '../../engine/session/kube-api.js';
import { retryDelay } from '../../engine/session/backoff.js';
import { HAND_CLEARED_KEY } from '../mirror/learner-record.js';
import { PROGRESS_CONFIGMAP, PROGRESS_SELECTOR } from '../workshop-labels.js';
import type { BoardAction } from './board-state.js';

export interface BoardSource {
  /** Starts delivering actions; resolves once the first list arrived (or failed). */
  start(dispatch: (action: BoardAction) => void): Promise<void>;
  /** Marks the hand of the learner in `namespace` as seen (the board's own key on their ConfigMap). */
  clearHand(namespace: string, now: number): Promise<void>;
  stop(): Promise<void>;
}

interface ConfigMapObject extends KubernetesObject {
  data?: Record<string, string>;
}

const PATH = '/api/v1/configmaps';

/** Lists the progress ConfigMaps once (`--once`). */
export async function listProgress(kubeconfig: KubeConfig): Promise<{ namespace: string; data: Record<string, string> | undefined }[]> {
  const list = await getList(kubeconfig, `${PATH}?labelSelector=${encodeURIComponent(PROGRESS_SELECTOR)}`);
  return list.items
    .filter((item) => item.metadata?.name === PROGRESS_CONFIGMAP && item.metadata.namespace !== undefined)
    .map((item) => ({ namespace: item.metadata!.namespace!, data: (item as ConfigMapObject).data }));
}

export function clusterBoardSource(kubeconfig: KubeConfig): BoardSource {
  const core = kubeconfig.makeApiClient(CoreV1Api);
  let informer: ReturnType<typeof makeInformer<ConfigMapObject>> | undefined;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const ours = (object: ConfigMapObject): object is ConfigMapObject & { metadata: { namespace: string } } =>
    object.metadata?.name === PROGRESS_CONFIGMAP && object.metadata.namespace !== undefined;

  async function run(dispatch: (action: BoardAction) => void): Promise<void> {
    const list = (() => getList(kubeconfig, `${PATH}?labelSelector=${encodeURIComponent(PROGRESS_SELECTOR)}`)) as unknown as ListPromise<ConfigMapObject>;
    const current = makeInformer<ConfigMapObject>(kubeconfig, PATH, list, PROGRESS_SELECTOR);
    informer = current;
    const upsert = (object: ConfigMapObject) => {
      if (ours(object)) dispatch({ type: 'upsert', namespace: object.metadata.namespace, data: object.data });
    };
    current.on('add', upsert);
    current.on('update', upsert);
    current.on('delete', (object) => {
      if (ours(object)) dispatch({ type: 'remove', namespace: object.metadata.namespace });
    });
    current.on('connect', () => {
      attempt = 0;
      dispatch({ type: 'connection', connection: { state: 'watching' } });
    });
    current.on('error', (error) => {
      if (stopped || informer !== current) return;
      attempt += 1;
      dispatch({ type: 'connection', connection: { state: 'lost', reason: error instanceof Error ? error.message : String(error ?? 'the watch ended') } });
      void current.stop().catch(() => undefined);
      retryTimer = setTimeout(() => void run(dispatch).catch(() => undefined), retryDelay(attempt));
    });
    await current.start();
    // The list is in: it replaces what the board had (a learner removed while the watch was away is gone).
    dispatch({ type: 'replace', items: current.list().filter(ours).map((object) => ({ namespace: object.metadata.namespace, data: object.data })) });
    dispatch({ type: 'connection', connection: { state: 'watching' } });
  }

  return {
    async start(dispatch) {
      try {
        await run(dispatch);
      } catch (error) {
        attempt += 1;
        dispatch({ type: 'connection', connection: { state: 'lost', reason: error instanceof Error ? error.message : String(error) } });
        if (!stopped) retryTimer = setTimeout(() => void this.start(dispatch), retryDelay(attempt));
      }
    },
    async clearHand(namespace, now) {
      await core.patchNamespacedConfigMap(
        { name: PROGRESS_CONFIGMAP, namespace, body: { data: { [HAND_CLEARED_KEY]: new Date(now).toISOString() } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    },
    async stop() {
      stopped = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      await informer?.stop().catch(() => undefined);
    },
  };
}
