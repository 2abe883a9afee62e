/**
 * The node's image store and the runtime's pulls, behind the kubelet's serial image puller
 * (serializeImagePulls: true, the default): one pull at a time, so a Pod behind another's pull waits
 * — the "including waiting" of the Pulled event. A first pull takes the catalog's time, a pull of an
 * image already on disk only checks the manifest; a reference the registry does not have fails after
 * the registry's round trip, with the error text docker (cri-dockerd, minikube's default) or
 * containerd gives for a missing tag, a missing repository, or a registry host that does not resolve.
 */
import type { SimClock } from '../clock.js';
import { findImage, knownRepository } from './image-catalog.js';
import { familiarName, parseImage, type Runtime } from './images.js';

export type PullResult =
  | { ok: true; /** Simulated ms the pull itself took. */ pullMs: number; /** Queueing included. */ totalMs: number; size: number }
  | { ok: false; error: string };

/** Registries that answer; any other host does not resolve from the node. */
const REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'ghcr.io', 'quay.io', 'mcr.microsoft.com', 'public.ecr.aws']);

const normalized = (image: string) => {
  const ref = parseImage(image);
  return `${ref.domain}/${ref.path}:${ref.tag}`;
};

/** The runtime's error for a reference the catalog does not have. */
export function pullError(image: string, runtime: Runtime): string {
  const ref = parseImage(image);
  const full = normalized(image);
  const familiar = `${familiarName(ref)}:${ref.tag}`;
  const hostKnown = REGISTRIES.has(ref.domain);
  const repoMissing = ref.domain === 'docker.io' && !knownRepository(image);
  if (runtime === 'containerd') {
    const prefix = `failed to pull and unpack image "${full}": failed to resolve reference "${full}"`;
    if (!hostKnown) return `rpc error: code = Unknown desc = ${prefix}: failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${ref.domain}: no such host`;
    if (repoMissing) return `rpc error: code = Unknown desc = ${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
    return `rpc error: code = NotFound desc = ${prefix}: ${full}: not found`;
  }
  if (!hostKnown) return `Error response from daemon: Get "https://${ref.domain}/v2/": dial tcp: lookup ${ref.domain} on 192.168.49.1:53: no such host`;
  if (repoMissing) return `Error response from daemon: pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
  return `Error response from daemon: manifest for ${familiar} not found: manifest unknown: manifest unknown`;
}

export class ImagePuller {
  private readonly present = new Set<string>();
  /** Images a queued pull will have fetched by the time a later pull of them runs. */
  private readonly queued = new Set<string>();
  /** When (performance.now) the puller is free again. */
  private freeAt = 0;

  constructor(
    private readonly clock: SimClock,
    private readonly random: () => number = Math.random,
  ) {}

  /** An image already on the node (pulled before a restart). */
  markPresent(image: string): void {
    this.present.add(normalized(image));
  }

  isPresent(image: string): boolean {
    return !!findImage(image)?.preloaded || this.present.has(normalized(image));
  }

  /** Queues a pull; `done` runs when it finished or failed. Returns a cancel function. */
  pull(image: string, runtime: Runtime, done: (result: PullResult) => void): () => void {
    const now = performance.now();
    const start = Math.max(now, this.freeAt);
    const key = normalized(image);
    const entry = findImage(image);
    // Behind a pull of the same image, the layers are on disk by the time this one runs.
    const cached = this.isPresent(image) || this.queued.has(key);
    const spread = 0.8 + this.random() * 0.4;
    let pullMs: number;
    if (!entry) pullMs = 600 + this.random() * 900;
    else if (cached) pullMs = 300 + this.random() * 400;
    else pullMs = entry.pullSeconds * 1000 * spread;
    pullMs = Math.round(pullMs);
    if (entry) this.queued.add(key);
    this.freeAt = start + pullMs / this.clock.speed;
    const totalMs = Math.max(pullMs, Math.round((this.freeAt - now) * this.clock.speed));
    return this.clock.after(totalMs, () => {
      if (!entry) return done({ ok: false, error: pullError(image, runtime) });
      this.present.add(key);
      done({ ok: true, pullMs, totalMs, size: entry.sizeBytes });
    });
  }
}
