/**
 * EnsureImageExists of the kubelet's image manager (pkg/kubelet/images/image_manager.go): the pull
 * policy decides whether to pull (Always always does; IfNotPresent uses the node's store; Never never
 * pulls), a failed pull backs the image off per Pod (10 s doubling to 5 min), and while backed off the
 * kubelet answers ImagePullBackOff without trying — each step with the event the kubelet records.
 */
import type { KubeObject } from '../api/status.js';
import type { Backoff } from './backoff.js';
import type { ImagePuller } from './image-puller.js';
import { goDuration, pullPolicy, type Runtime } from './images.js';

export type EnsureResult = { ok: true } | { ok: false; reason: 'ErrImagePull' | 'ImagePullBackOff' | 'ErrImageNeverPull'; message: string };

export type ImageEvent = (type: 'Normal' | 'Warning', reason: string, message: string) => void;

export class ImageManager {
  constructor(
    private readonly puller: ImagePuller,
    private readonly backOff: Backoff,
    private readonly now: () => number,
  ) {}

  isPresent(image: string): boolean {
    return this.puller.isPresent(image);
  }

  /** Calls `done` with the outcome; returns a cancel function for a pull in progress. */
  ensure(podUid: string, container: KubeObject, runtime: Runtime, event: ImageEvent, done: (result: EnsureResult) => void): () => void {
    const image: string = container.image;
    const policy = pullPolicy(container);
    const present = this.puller.isPresent(image);
    if (policy === 'Never' || (policy === 'IfNotPresent' && present)) {
      if (present) {
        event('Normal', 'Pulled', `Container image "${image}" already present on machine`);
        done({ ok: true });
      } else {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        event('Warning', 'ErrImageNeverPull', message);
        done({ ok: false, reason: 'ErrImageNeverPull', message });
      }
      return () => {};
    }
    const key = `${podUid}_${image}`;
    if (this.backOff.isInBackOffSinceUpdate(key, this.now())) {
      const message = `Back-off pulling image "${image}"`;
      event('Normal', 'BackOff', message);
      done({ ok: false, reason: 'ImagePullBackOff', message });
      return () => {};
    }
    event('Normal', 'Pulling', `Pulling image "${image}"`);
    return this.puller.pull(image, runtime, (result) => {
      if (!result.ok) {
        event('Warning', 'Failed', `Failed to pull image "${image}": ${result.error}`);
        this.backOff.next(key, this.now());
        return done({ ok: false, reason: 'ErrImagePull', message: result.error });
      }
      event('Normal', 'Pulled', `Successfully pulled image "${image}" in ${goDuration(result.pullMs)} (${goDuration(result.totalMs)} including waiting). Image size: ${result.size} bytes.`);
      done({ ok: true });
    });
  }
}
