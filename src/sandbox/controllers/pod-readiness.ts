/**
 * When each Pod became Ready, to the millisecond, for IsPodAvailable (pkg/api/v1/pod/util.go).
 * The real check compares the Ready condition's lastTransitionTime — whole seconds — with
 * minReadySeconds; at the sandbox's test speeds a second of rounding is minutes of simulated time,
 * so the controllers remember the instant they saw the transition, and fall back to the condition
 * for Pods that were already Ready when they started.
 */
import type { KubeObject } from '../api/status.js';
import type { StoreEvent } from '../store/object-store.js';
import type { SimClock } from '../clock.js';
import { PODS } from './kinds.js';
import { typeKey } from '../api/resources.js';
import { isPodReady, podCondition } from './pod-util.js';

const POD_KEY = typeKey(PODS);

export class PodReadiness {
  private readonly readySince = new Map<string, number>();

  constructor(private readonly clock: SimClock) {}

  observe(event: StoreEvent): void {
    if (event.typeKey !== POD_KEY) return;
    const uid: string = event.object.metadata.uid;
    if (event.type === 'DELETED' || !isPodReady(event.object)) {
      this.readySince.delete(uid);
      return;
    }
    if (this.readySince.has(uid)) return;
    // A change is the transition itself; an ADDED Pod (the initial list) may have been Ready for long.
    const since = event.type === 'MODIFIED' ? Date.now() : Date.parse(podCondition(event.object, 'Ready')?.lastTransitionTime ?? '');
    this.readySince.set(uid, Number.isNaN(since) ? Date.now() : since);
  }

  /** IsPodAvailable: Ready for longer than minReadySeconds of simulated time. */
  isAvailable(pod: KubeObject, minReadySeconds: number): boolean {
    if (!isPodReady(pod)) return false;
    if (!minReadySeconds) return true;
    const since = this.readySince.get(pod.metadata.uid) ?? Date.parse(podCondition(pod, 'Ready')?.lastTransitionTime ?? '');
    if (Number.isNaN(since)) return false;
    return (Date.now() - since) * this.clock.speed > minReadySeconds * 1000;
  }
}
