/**
 * The node's image store and the kubelet's serial image puller (serializeImagePulls: true, the
 * default): one pull at a time, so a Pod behind another's pull waits — the "including waiting" of
 * the Pulled event. Pulling what is already on disk is quick; a fresh image takes 1–3 s.
 */
import type { SimClock } from '../clock.js';
import { imageSize, isPreloaded, parseImage } from './images.js';

export interface PullResult {
  /** Simulated milliseconds the pull itself took. */
  pullMs: number;
  /** Simulated milliseconds from the request, queueing included. */
  totalMs: number;
  size: number;
}

const normalized = (image: string) => {
  const ref = parseImage(image);
  return `${ref.domain}/${ref.path}:${ref.tag}`;
};

export class ImagePuller {
  private readonly present = new Set<string>();
  /** Images a queued pull will have fetched by the time a later pull of them runs. */
  private readonly queued = new Set<string>();
  /** When (performance.now) the puller is free again. */
  private freeAt = 0;

  constructor(private readonly clock: SimClock) {}

  isPresent(image: string): boolean {
    return isPreloaded(image) || this.present.has(normalized(image));
  }

  /** Queues a pull; `done` runs when it finished. Returns a cancel function. */
  pull(image: string, done: (result: PullResult) => void): () => void {
    const now = performance.now();
    const start = Math.max(now, this.freeAt);
    const key = normalized(image);
    // Behind a pull of the same image, the layers are on disk by the time this one runs.
    const cached = this.isPresent(image) || this.queued.has(key);
    this.queued.add(key);
    const pullMs = Math.round(cached ? 300 + Math.random() * 400 : 1000 + Math.random() * 2000);
    this.freeAt = start + pullMs / this.clock.speed;
    const totalMs = Math.max(pullMs, Math.round((this.freeAt - now) * this.clock.speed));
    return this.clock.after(totalMs, () => {
      this.present.add(key);
      done({ pullMs, totalMs, size: imageSize(image) });
    });
  }
}
