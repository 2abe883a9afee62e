/**
 * Simulated time on the node, in milliseconds. The SimClock keeps wall-clock timestamps real and
 * scales delays; the kubelet's own arithmetic (back-offs, probe initial delays, grace periods) needs
 * a precise, monotonic simulated "now", which is performance.now() times the speed factor — stored
 * RFC 3339 timestamps have whole seconds, minutes of simulated time at test speeds.
 */
import type { SimClock } from '../clock.js';

export function simNow(clock: SimClock): number {
  return performance.now() * clock.speed;
}

/** wait.Jitter (k8s.io/apimachinery/pkg/util/wait): `ms` plus up to `factor` × `ms` more. */
export function jitter(ms: number, factor: number, random: () => number): number {
  return ms + random() * factor * ms;
}
