/** What the Deployment controller's sync functions share: its clients, its recorder and its queue. */
import type { KubeObject } from '../../api/status.js';
import type { Registry } from '../../registry/registry.js';
import type { SimClock } from '../../clock.js';
import type { ObjectStore } from '../../store/object-store.js';
import type { Recorder } from '../events/event-recorder.js';
import type { ProgressMarks } from './progress-marks.js';

export interface DeploymentContext {
  registry: Registry;
  store: ObjectStore;
  clock: SimClock;
  recorder: Recorder;
  progress: ProgressMarks;
  /** enqueueAfter: look at the Deployment again after `simMs` (progress deadlines). */
  requeueAfter(deployment: KubeObject, simMs: number): void;
}
