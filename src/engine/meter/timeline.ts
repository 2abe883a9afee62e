/**
 * The rollout timeline: one time axis, rows for the old and new ReplicaSets' ready Pods, Pods
 * terminating, and failed requests, so failures line up with old Pods stopping before new ones
 * are ready. Built once when a rollout completes; saved as JSON; drawn as text and as SVG.
 */
import { isFailure, samplesBetween, summarizeSamples, type TrafficRecord } from '../checks/traffic-record.js';
import type { PodCounts, TrackedRollout } from './rollout-tracker.js';

export interface TimelineSlice {
  /** Start of the slice, ms since the rollout started. */
  offsetMs: number;
  answered: number;
  failed: number;
}

export interface RolloutTimeline {
  version: 1;
  deployment: string;
  service?: string;
  startedAt: number;
  completedAt: number;
  newRevision?: number;
  oldRevisions: number[];
  /** Pod counts as they changed, `at` relative to startedAt. */
  pods: PodCounts[];
  /** Requests in fixed slices from the start to the completion. */
  sliceMs: number;
  slices: TimelineSlice[];
  requests: number;
  failed: number;
  longestGapMs: number;
  versions: [string, number][];
  /** Set when the rollout was already under way when first seen: its start is unknown. */
  partial?: true;
}

/** Aim for ~100 slices whatever the rollout's length, but never under 100 ms. */
function sliceLength(durationMs: number): number {
  return Math.max(100, Math.ceil(durationMs / 100 / 100) * 100);
}

export function buildTimeline(rollout: TrackedRollout, record: TrafficRecord, service: string | undefined): RolloutTimeline {
  const { startedAt } = rollout.span;
  const completedAt = rollout.span.completedAt ?? startedAt;
  const duration = Math.max(1, completedAt - startedAt);
  const sliceMs = sliceLength(duration);
  const slices: TimelineSlice[] = Array.from({ length: Math.ceil(duration / sliceMs) }, (_, i) => ({ offsetMs: i * sliceMs, answered: 0, failed: 0 }));
  const inRollout = samplesBetween(record.samples, startedAt, completedAt);
  for (const sample of inRollout) {
    const slice = slices[Math.min(slices.length - 1, Math.floor((sample.at - startedAt) / sliceMs))]!;
    if (isFailure(sample)) slice.failed += 1;
    else slice.answered += 1;
  }
  const summary = summarizeSamples(inRollout);
  return {
    version: 1,
    deployment: rollout.span.deployment,
    ...(service === undefined ? {} : { service }),
    startedAt,
    completedAt,
    ...(rollout.newRevision === undefined ? {} : { newRevision: rollout.newRevision }),
    oldRevisions: rollout.oldRevisions,
    pods: rollout.points.map((point) => ({ ...point, at: point.at - startedAt })),
    sliceMs,
    slices,
    requests: summary.total,
    failed: summary.failed,
    longestGapMs: summary.longestGapMs,
    versions: [...summary.versions.entries()],
    ...(rollout.span.sawStart ? {} : { partial: true as const }),
  };
}

export interface TimelineRow {
  label: string;
  /** The value of the row in each of `columns` equal slices of the rollout. */
  values: number[];
}

/** The four rows, each sampled into `columns` equal time slices (pod counts: the value at the slice's end). */
export function timelineRows(timeline: RolloutTimeline, columns: number): TimelineRow[] {
  const duration = Math.max(1, timeline.completedAt - timeline.startedAt);
  const podsAt = (offset: number): PodCounts => {
    let current: PodCounts = timeline.pods[0] ?? { at: 0, oldReady: 0, newReady: 0, terminating: 0 };
    for (const point of timeline.pods) {
      if (point.at > offset) break;
      current = point;
    }
    return current;
  };
  const ends = Array.from({ length: columns }, (_, c) => ((c + 1) * duration) / columns);
  const failed = Array.from({ length: columns }, () => 0);
  for (const slice of timeline.slices) {
    const column = Math.min(columns - 1, Math.floor((slice.offsetMs / duration) * columns));
    failed[column]! += slice.failed;
  }
  const oldName = timeline.oldRevisions.length === 0 ? 'old' : `old (rev ${timeline.oldRevisions.join(',')})`;
  const newName = timeline.newRevision === undefined ? 'new' : `new (rev ${timeline.newRevision})`;
  return [
    { label: `${oldName} ready`, values: ends.map((end) => podsAt(end).oldReady) },
    { label: `${newName} ready`, values: ends.map((end) => podsAt(end).newReady) },
    { label: 'terminating', values: ends.map((end) => podsAt(end).terminating) },
    { label: 'failed requests', values: failed },
  ];
}

/** One cell: a digit for counts 1-9, `+` above, `·` for none: readable without colour or Unicode blocks. */
export function cell(value: number, ascii: boolean): string {
  if (value <= 0) return ascii ? '.' : '·';
  return value > 9 ? '+' : String(value);
}

/** The timeline as plain text lines, `width` columns wide in all. */
export function renderTimelineText(timeline: RolloutTimeline, width: number, ascii = false): string[] {
  const labelWidth = 22;
  const columns = Math.max(10, width - labelWidth - 1);
  const rows = timelineRows(timeline, columns);
  const seconds = (timeline.completedAt - timeline.startedAt) / 1000;
  const lines = [
    `rollout of ${timeline.deployment}: ${seconds.toFixed(1)} s, ${timeline.failed} of ${timeline.requests} requests failed` +
      (timeline.failed > 0 ? `, the longest gap ${(timeline.longestGapMs / 1000).toFixed(1)} s` : ''),
  ];
  for (const row of rows) lines.push(`${row.label.slice(0, labelWidth - 1).padEnd(labelWidth)}${row.values.map((v) => cell(v, ascii)).join('')}`);
  const axis = `0 s`.padEnd(columns - `${seconds.toFixed(0)} s`.length) + `${seconds.toFixed(0)} s`;
  lines.push(`${''.padEnd(labelWidth)}${axis}`);
  return lines;
}
