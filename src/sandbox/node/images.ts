/**
 * Container image references on the simulated node: parsing as docker's reference package does, how
 * a reference appears in container statuses for the node's runtime (docker via cri-dockerd on a
 * default minikube, or containerd), a stable digest per reference, and the kubelet's pull policy.
 * What exists, and how big it is, is the catalog's business (image-catalog.ts).
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '../api/status.js';

export type Runtime = 'docker' | 'containerd';

export interface ImageReference {
  /** Registry host, `docker.io` by default. */
  domain: string;
  /** `library/nginx` for an official image on Docker Hub. */
  path: string;
  tag: string;
}

/** reference.ParseNormalizedNamed: `nginx` is `docker.io/library/nginx:latest`. */
export function parseImage(image: string): ImageReference {
  const [name, digest] = image.split('@');
  let rest = name!;
  let tag = digest ? '' : 'latest';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasDomain = first.includes('.') || first.includes(':') || first === 'localhost';
  const domain = hasDomain ? first : 'docker.io';
  let path = hasDomain ? rest.slice(slash + 1) : rest;
  if (domain === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { domain, path, tag };
}

/** The repository as docker names it: Docker Hub's `library/` and domain left out. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== 'docker.io') return `${ref.domain}/${ref.path}`;
  return ref.path.replace(/^library\//, '');
}

function digestOf(image: string): string {
  const ref = parseImage(image);
  return createHash('sha256').update(`${ref.domain}/${ref.path}:${ref.tag}`).digest('hex');
}

/** `image` and `imageID` of a started container, as the runtime reports them. */
export function imageStatus(image: string, runtime: Runtime): { image: string; imageID: string } {
  const ref = parseImage(image);
  const digest = `sha256:${digestOf(image)}`;
  if (runtime === 'containerd') {
    return { image: `${ref.domain}/${ref.path}:${ref.tag}`, imageID: `${ref.domain}/${ref.path}@${digest}` };
  }
  return { image: `${familiarName(ref)}:${ref.tag}`, imageID: `docker-pullable://${familiarName(ref)}@${digest}` };
}

/** The defaulted imagePullPolicy: Always for `:latest` or no tag, else IfNotPresent. */
export function pullPolicy(container: KubeObject): string {
  if (container.imagePullPolicy) return container.imagePullPolicy;
  return parseImage(container.image).tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** time.Duration.String of a whole number of milliseconds: `587ms`, `1.2s`, `1m3.005s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return minutes ? `${minutes}m${seconds}s` : `${seconds}s`;
}
