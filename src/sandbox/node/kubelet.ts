/**
 * The kubelet of the simulated node: one PodWorker per Pod bound to the node. Store changes are
 * handled on the node's task runner, never inside the store's notification, so the kubelet's own
 * writes reach every watcher after the change that caused them; several changes of one Pod before
 * its turn collapse into one sync.
 */
import { typeKey } from '../api/resources.js';
import type { KubeObject } from '../api/status.js';
import type { StoreEvent } from '../store/object-store.js';
import { PODS } from '../controllers/kinds.js';
import type { KubeletContext } from './kubelet-context.js';
import { PodWorker } from './pod-worker.js';

const POD_KEY = typeKey(PODS);

export class Kubelet {
  private readonly workers = new Map<string, PodWorker>();
  /** Latest version of each Pod changed since its last sync; undefined once deleted. */
  private readonly changed = new Map<string, KubeObject | undefined>();

  constructor(
    private readonly ctx: KubeletContext,
    private readonly nodeName: string,
  ) {}

  onEvent(event: StoreEvent): void {
    if (event.typeKey !== POD_KEY || event.object.spec?.nodeName !== this.nodeName) return;
    const uid: string = event.object.metadata.uid;
    const queued = this.changed.has(uid);
    this.changed.set(uid, event.type === 'DELETED' ? undefined : event.object);
    if (!queued) this.ctx.runner.run(() => this.syncPod(uid));
  }

  /** The worker of a Pod the kubelet runs. */
  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  stop(): void {
    for (const worker of this.workers.values()) worker.shutdown();
  }

  private syncPod(uid: string): void {
    const pod = this.changed.get(uid);
    this.changed.delete(uid);
    let worker = this.workers.get(uid);
    if (!pod) {
      worker?.dispose();
      this.workers.delete(uid);
      return;
    }
    if (!worker) this.workers.set(uid, (worker = new PodWorker(this.ctx, pod)));
    worker.sync(pod);
  }
}
