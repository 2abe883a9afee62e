/** Formatting of the Pods panel, like `kubectl get pods` but fitted to a pane. Pure. */
import type { PodView } from '../../model.js';
import type { Tone } from '../../theme.js';
import { fitWidth, textWidth, truncateEnd, truncateMiddle } from '../../text/width.js';

const ERROR = /BackOff|Err|Error|OOMKilled|Evicted|Failed|Invalid|Unknown|DeadlineExceeded|NodeLost|ContainerStatusUnknown/;
const WAITING = /^(Pending|ContainerCreating|PodInitializing|Init:.*|Terminating)$/;

function fullyReady(ready: string): boolean {
  const match = /^(\d+)\/(\d+)$/.exec(ready.trim());
  return match !== null && match[1] === match[2] && Number(match[2]) > 0;
}

/**
 * The colour meaning of a Pod row. A Running Pod that is not Ready (a failing readiness probe,
 * the heart of the zero-downtime lessons) is a warning, not green.
 */
export function podTone(pod: Pick<PodView, 'status' | 'ready'>): Tone | undefined {
  const status = pod.status.trim();
  if (status === 'Terminating') return 'terminating';
  if (ERROR.test(status)) return 'error';
  if (status === 'Running') return fullyReady(pod.ready) ? 'ok' : 'warn';
  if (WAITING.test(status)) return 'warn';
  if (status === 'Completed' || status === 'Succeeded') return 'muted';
  return undefined;
}

export interface PodColumns {
  readonly name: number;
  readonly ready: number;
  readonly status: number;
  /** 0 when the column is dropped for lack of room. */
  readonly restarts: number;
  readonly age: number;
  readonly width: number;
}

const MIN_NAME = 12;
const MIN_STATUS = 8;

const widest = (values: readonly string[], min: number): number => values.reduce((max, v) => Math.max(max, textWidth(v)), min);

/** Column widths for `width` columns: NAME takes what is left, RESTARTS goes first when tight. */
export function podColumns(pods: readonly PodView[], width: number): PodColumns {
  const ready = widest(pods.map((p) => p.ready), 'READY'.length);
  const status = Math.min(20, widest(pods.map((p) => p.status), 'STATUS'.length));
  const age = widest(pods.map((p) => p.age), 'AGE'.length);
  const restartsWide = Math.min(14, widest(pods.map((p) => String(p.restarts)), 'RESTARTS'.length));
  const withRestarts = width - (ready + status + age + 3) - restartsWide - 1;
  const restarts = withRestarts >= MIN_NAME ? restartsWide : 0;
  // Still tight: a long STATUS (ContainerCreating) gives up columns before NAME goes below MIN_NAME.
  const spare = width - (ready + age + 3) - (restarts > 0 ? restarts + 1 : 0) - MIN_NAME;
  const fittedStatus = Math.max(Math.min(status, MIN_STATUS), Math.min(status, spare));
  const name = Math.max(4, width - (ready + fittedStatus + age + 3) - (restarts > 0 ? restarts + 1 : 0));
  return { name, ready, status: fittedStatus, restarts, age, width };
}

function row(cells: { name: string; ready: string; status: string; restarts: string; age: string }, cols: PodColumns, ellipsis: string): string {
  const parts = [
    fitWidth(truncateMiddle(cells.name, cols.name, ellipsis), cols.name),
    fitWidth(cells.ready, cols.ready),
    fitWidth(truncateEnd(cells.status, cols.status, ellipsis), cols.status),
    ...(cols.restarts > 0 ? [fitWidth(truncateEnd(cells.restarts, cols.restarts, ellipsis), cols.restarts)] : []),
    cells.age,
  ];
  return truncateEnd(parts.join(' '), cols.width, ellipsis);
}

export function podHeader(cols: PodColumns, ellipsis = '…'): string {
  return row({ name: 'NAME', ready: 'READY', status: 'STATUS', restarts: 'RESTARTS', age: 'AGE' }, cols, ellipsis);
}

/** One Pod as a line of at most `cols.width` columns; long names lose their middle. */
export function podRow(pod: PodView, cols: PodColumns, ellipsis = '…'): string {
  return row({ name: pod.name, ready: pod.ready, status: pod.status, restarts: String(pod.restarts), age: pod.age }, cols, ellipsis);
}
