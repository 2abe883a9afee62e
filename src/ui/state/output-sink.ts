/**
 * Feeds a child's output into the store in batches: chunks are split into lines (a partial last
 * line waits for its end), and lines are dispatched once per frame of a `FrameScheduler`, so 5,000
 * lines cost a handful of renders instead of 5,000. The container connects its runner's stdout /
 * stderr to `write` and shares its scheduler with the session's snapshots (one frame for both);
 * the sink never touches a process.
 */
import type { OutputLine, OutputStream } from '../components/output/output-state.js';
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler.js';
import type { ViewAction } from './view-state.js';

export interface OutputSink {
  /** A raw chunk of the child's stream (may contain several or partial lines). */
  write(stream: OutputStream, chunk: string): void;
  /** One complete line. */
  line(stream: OutputStream, text: string): void;
  /** Dispatches everything pending, including partial lines when `final` (the child ended). */
  flush(final?: boolean): void;
  /** Flushes everything and stops the timer. */
  close(): void;
}

export interface OutputSinkOptions {
  /** Batch window in ms of the sink's own scheduler, when `scheduler` is not given. Default 16. */
  readonly intervalMs?: number;
  /** The screen's frame clock: lines are dispatched at its frames (and with a key's, on flush). */
  readonly scheduler?: FrameScheduler;
}

export function createOutputSink(dispatch: (action: ViewAction) => void, options: OutputSinkOptions = {}): OutputSink {
  const scheduler = options.scheduler ?? createFrameScheduler({ intervalMs: options.intervalMs ?? 16 });
  let pending: OutputLine[] = [];
  const partial: Record<OutputStream, string> = { stdout: '', stderr: '' };

  const flush = (final = false): void => {
    if (final) {
      for (const stream of ['stdout', 'stderr'] as const) {
        if (partial[stream] !== '') pending.push({ stream, text: partial[stream] });
        partial[stream] = '';
      }
    }
    if (pending.length === 0) return;
    const lines = pending;
    pending = [];
    dispatch({ type: 'output', lines });
  };
  // One job object: asking again before the frame does not queue it twice.
  const atFrame = (): void => flush();
  const schedule = (): void => scheduler.request(atFrame);

  return {
    write(stream, chunk) {
      const parts = (partial[stream] + chunk).split('\n');
      partial[stream] = parts.pop() ?? '';
      for (const text of parts) pending.push({ stream, text });
      if (parts.length > 0) schedule();
    },
    line(stream, text) {
      pending.push({ stream, text });
      schedule();
    },
    flush,
    close: () => flush(true),
  };
}
