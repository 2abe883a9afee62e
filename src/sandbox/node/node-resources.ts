/**
 * The scheduler's NodeResourcesFit filter for the one node (pkg/scheduler/framework/plugins/
 * noderesources/fit.go): a Pod's requests — the larger of its containers' sum and its largest init
 * container, plus overhead — must fit in the node's allocatable minus what the Pods already bound to
 * it request (Pods being deleted count until they are gone), and the node holds at most `pods` Pods.
 * A Node without status.allocatable is not limited. The pod count is checked only when asked
 * (`podLimit`): the controllers' scale test runs 1,000 Pods on a Node that reports 110.
 */
import type { KubeObject } from '../api/status.js';
import { parseQuantity } from '../admission/quantity.js';
import { isPodTerminal } from '../controllers/pod-util.js';

interface Requests {
  cpu: number;
  memory: number;
  storage: number;
}

/** A quantity in milli-units (CPU) or units (memory, storage), rounded up. */
function amount(value: unknown, milli: boolean): number {
  const q = value === undefined ? undefined : parseQuantity(value as string);
  if (!q) return 0;
  return Math.ceil(Number(q.digits) * 10 ** (q.scale + (milli ? 3 : 0)));
}

function requestsOf(resources: KubeObject | undefined): Requests {
  const r = resources?.requests ?? {};
  return { cpu: amount(r.cpu, true), memory: amount(r.memory, false), storage: amount(r['ephemeral-storage'], false) };
}

const add = (a: Requests, b: Requests): Requests => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory, storage: a.storage + b.storage });
const max = (a: Requests, b: Requests): Requests => ({ cpu: Math.max(a.cpu, b.cpu), memory: Math.max(a.memory, b.memory), storage: Math.max(a.storage, b.storage) });
const ZERO: Requests = { cpu: 0, memory: 0, storage: 0 };

/** computePodResourceRequest. */
export function podRequests(pod: KubeObject): Requests {
  let total: Requests = ZERO;
  for (const c of (pod.spec?.containers ?? []) as KubeObject[]) total = add(total, requestsOf(c.resources as KubeObject | undefined));
  for (const c of (pod.spec?.initContainers ?? []) as KubeObject[]) total = max(total, requestsOf(c.resources as KubeObject | undefined));
  const overhead: KubeObject | undefined = pod.spec?.overhead;
  return overhead ? add(total, { cpu: amount(overhead.cpu, true), memory: amount(overhead.memory, false), storage: 0 }) : total;
}

/** What the Pods bound to the node request, kept up to date from the store's changes. */
export class NodeAllocation {
  private readonly pods = new Map<string, Requests>();
  private used: Requests = ZERO;

  constructor(
    private readonly nodeName: string,
    private readonly podLimit: boolean,
  ) {}

  /** A Pod changed or was deleted. Returns true when it freed room on the node. */
  observe(pod: KubeObject, deleted: boolean): boolean {
    const uid: string = pod.metadata.uid;
    const held = this.pods.get(uid);
    const holds = !deleted && pod.spec?.nodeName === this.nodeName && !isPodTerminal(pod);
    if (holds && !held) {
      const requests = podRequests(pod);
      this.pods.set(uid, requests);
      this.used = add(this.used, requests);
    } else if (!holds && held) {
      this.pods.delete(uid);
      this.used = { cpu: this.used.cpu - held.cpu, memory: this.used.memory - held.memory, storage: this.used.storage - held.storage };
      return true;
    }
    return false;
  }

  /** The filter's reasons, empty when the Pod fits. */
  misfits(pod: KubeObject, node: KubeObject): string[] {
    const allocatable = node.status?.allocatable;
    if (!allocatable) return [];
    const want = podRequests(pod);
    const reasons: string[] = [];
    if (this.podLimit && this.pods.size + 1 > amount(allocatable.pods ?? '110', false)) reasons.push('Too many pods');
    if (want.cpu > 0 && want.cpu > amount(allocatable.cpu, true) - this.used.cpu) reasons.push('Insufficient cpu');
    if (want.memory > 0 && want.memory > amount(allocatable.memory, false) - this.used.memory) reasons.push('Insufficient memory');
    if (want.storage > 0 && want.storage > amount(allocatable['ephemeral-storage'], false) - this.used.storage) reasons.push('Insufficient ephemeral-storage');
    return reasons.sort();
  }
}
