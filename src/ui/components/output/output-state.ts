/**
 * The output pane's state: a bounded buffer of the last `capacity` lines and at most `byteCapacity`
 * bytes of text (ring semantics: the oldest lines drop out) plus a scroll offset. Pure functions only.
 * The byte bound matters for `kubectl get -o yaml` of a big namespace or a one-line JSON of
 * megabytes: a thousand lines can be anything from 50 KB to hundreds of megabytes (issue 9).
 *
 * Appending copies at most `capacity` references, so a batch costs O(capacity) no matter how
 * many lines the child has printed; the container should hand lines over in batches
 * (`createOutputSink` does) so React renders once per batch, not once per line.
 */
import { sanitizeLine } from '../../text/sanitize.js';

export type OutputStream = 'stdout' | 'stderr';

export interface OutputLine {
  readonly stream: OutputStream;
  readonly text: string;
}

export interface OutputState {
  readonly lines: readonly OutputLine[];
  readonly capacity: number;
  /** The most text the buffer holds, in bytes as the JavaScript heap counts them (UTF-16). */
  readonly byteCapacity: number;
  /** The bytes `lines` hold now. */
  readonly bytes: number;
  /** Lines that fell out of the buffer since the last clear. */
  readonly dropped: number;
  /** Rows scrolled up from the bottom; 0 follows the newest line. */
  readonly scroll: number;
}

export const DEFAULT_OUTPUT_CAPACITY = 1000;
/** 1 MiB: a thousand lines of 500 characters. */
export const DEFAULT_OUTPUT_BYTE_CAPACITY = 1024 * 1024;

const lineBytes = (line: OutputLine) => line.text.length * 2;

export function createOutputState(capacity = DEFAULT_OUTPUT_CAPACITY, byteCapacity = DEFAULT_OUTPUT_BYTE_CAPACITY): OutputState {
  return { lines: [], capacity: Math.max(1, Math.floor(capacity)), byteCapacity: Math.max(2, Math.floor(byteCapacity)), bytes: 0, dropped: 0, scroll: 0 };
}

/** A line longer than the whole buffer keeps its beginning, marked as cut. */
function fitLine(line: OutputLine, byteCapacity: number): OutputLine {
  const maxChars = Math.floor(byteCapacity / 2);
  return line.text.length <= maxChars ? line : { stream: line.stream, text: line.text.slice(0, Math.max(0, maxChars - 1)) + '…' };
}

export function appendOutput(state: OutputState, incoming: readonly OutputLine[]): OutputState {
  if (incoming.length === 0) return state;
  const { capacity, byteCapacity } = state;
  // Only the last `capacity` incoming lines can survive; do not sanitize the rest.
  const fresh = incoming.slice(-capacity).map((line) => fitLine({ stream: line.stream, text: sanitizeLine(line.text) }, byteCapacity));
  const keep = Math.min(state.lines.length, capacity - fresh.length);
  let lines = keep > 0 ? state.lines.slice(state.lines.length - keep).concat(fresh) : fresh;
  let bytes = state.bytes + fresh.reduce((sum, line) => sum + lineBytes(line), 0);
  for (let i = 0; i < state.lines.length - Math.max(0, keep); i++) bytes -= lineBytes(state.lines[i]!);
  if (bytes > byteCapacity) {
    let first = 0;
    while (bytes > byteCapacity && first < lines.length - 1) bytes -= lineBytes(lines[first++]!);
    lines = lines.slice(first);
  }
  const dropped = state.dropped + (state.lines.length + incoming.length - lines.length);
  // A learner reading older output keeps looking at the same lines while new ones arrive.
  const scroll = state.scroll > 0 ? Math.min(state.scroll + incoming.length, Math.max(0, lines.length - 1)) : 0;
  return { ...state, lines, bytes, dropped, scroll };
}

export function clearOutput(state: OutputState): OutputState {
  return createOutputState(state.capacity, state.byteCapacity);
}

/** Scrolls by `delta` rows (positive = towards older lines) for a pane showing `visibleRows`. */
export function scrollOutput(state: OutputState, delta: number, visibleRows: number): OutputState {
  const max = Math.max(0, state.lines.length - Math.max(1, visibleRows));
  const scroll = Math.min(max, Math.max(0, Math.min(state.scroll, max) + delta));
  return scroll === state.scroll ? state : { ...state, scroll };
}

/** The lines a pane of `rows` rows shows, and how many older / newer lines are hidden. */
export function visibleOutput(state: OutputState, rows: number): { lines: readonly OutputLine[]; above: number; below: number } {
  const count = Math.max(0, rows);
  const max = Math.max(0, state.lines.length - count);
  const scroll = Math.min(state.scroll, max);
  const end = state.lines.length - scroll;
  const start = Math.max(0, end - count);
  return { lines: state.lines.slice(start, end), above: start + state.dropped, below: scroll };
}
