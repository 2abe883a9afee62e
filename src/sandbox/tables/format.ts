/** Cell formatting helpers shared by the printers of printers.go. */
import type { KubeObject } from '../api/status.js';
import { humanDuration } from './duration.js';

/** A `metav1.Time` / `metav1.MicroTime` from JSON; `undefined` stands for Go's zero time. */
export function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * `translateTimestampSince` (and `translateMicroTimestampSince`, identical once parsed):
 * `<unknown>` for an unset time, else the HumanDuration since it.
 */
export function ageSince(timestamp: unknown, now: Date): string {
  const time = parseTime(timestamp);
  return time ? durationSince(time, now) : '<unknown>';
}

/** `duration.HumanDuration(time.Since(t))` with `now` standing in for the clock. */
export function durationSince(time: Date, now: Date): string {
  return humanDuration(now.getTime() - time.getTime());
}

/** `layoutContainerCells`: the comma-joined names and images of a pod template's containers. */
export function layoutContainerCells(containers: KubeObject[] | undefined): [names: string, images: string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? '').join(','), list.map((c) => c.image ?? '').join(',')];
}

/** The Go `len()` of a JSON map, which is absent rather than empty when it has no entries. */
export function mapSize(map: Record<string, unknown> | undefined): number {
  return map ? Object.keys(map).length : 0;
}
