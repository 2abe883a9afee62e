/**
 * Mirrors a learner's record to the cluster: on each change, debounced (one write per burst, the
 * latest record), retried with the session's back-off while the cluster is away. The record
 * lives in memory and the progress file stays the truth, so losing the cluster loses nothing:
 * the next successful write carries everything (a resync).
 */
import { retryDelay } from '../../engine/session/backoff.js';
import type { TutorialSnapshot } from '../../engine/session/snapshot.js';
import { fromConfigMapData, toConfigMapData, type LearnerRecord, type PassedStep } from './learner-record.js';
import { initialTrackState, trackRecord, type TrackAction, type TrackState } from './track-record.js';

/** Where the record goes: the ConfigMap in the learner's namespace (configmap-sink.ts), or a test's. */
export interface MirrorSink {
  /** The data stored now, if any (undefined: nothing there yet). */
  read(): Promise<Record<string, string> | undefined>;
  /** Writes these keys, leaving the others (the instructor's) alone. */
  write(data: Record<string, string>): Promise<void>;
}

export interface ProgressMirrorOptions {
  sink: MirrorSink;
  /** Quiet time after a change before writing; default 150 ms (the board's target is 1 s). A pass or a raised hand is written at once. */
  debounceMs?: number;
  /** Steps passed according to the local progress file (no times): seeded on start. */
  localPassed?: readonly PassedStep[];
  now?: () => number;
  /** A write failed or came back (for a notice); not called per retry. */
  onStatus?(status: { ok: true } | { ok: false; reason: string }): void;
}

export interface ProgressMirror {
  /** Feed every session snapshot. */
  observe(snapshot: TutorialSnapshot): void;
  /** The learner raised a hand (the `!` key). */
  raiseHand(): void;
  readonly record: LearnerRecord;
  /** Writes what is pending now; resolves when written (or failed). */
  flush(): Promise<void>;
  /** Writes what is pending, then stops retrying. */
  close(): Promise<void>;
}

export function createProgressMirror(options: ProgressMirrorOptions): ProgressMirror {
  const now = options.now ?? Date.now;
  const debounceMs = options.debounceMs ?? 150;
  let state: TrackState = initialTrackState(now());
  let written: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let failures = 0;
  let closed = false;
  let failing = false;

  const dispatch = (action: TrackAction): void => {
    const before = state.record;
    state = trackRecord(state, action);
    // What the board waits for (a pass, issue 10's 1 s; a raised hand) goes out at once; the
    // rest (checks changing while Pods start) waits for the quiet time, one write per burst.
    const urgent = state.record.passed.length > before.passed.length || state.record.handRaisedAt !== before.handRaisedAt;
    if (urgent) writeNow();
    else schedule(debounceMs);
  };

  /**
   * Starts the write in this turn of the loop, not behind a timer: whatever the caller does next
   * (a rehearsal's next kubectl, a synchronous fork) then waits for the request to be sent, not
   * the other way round. The record is read when the write runs, so changes made in the same
   * synchronous stretch still go with it.
   */
  const writeNow = (): void => {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    void write();
  };

  const schedule = (delay: number): void => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void write();
    }, delay);
    timer.unref?.();
  };

  // The record on the cluster first: its pass times and raised hand survive an app restart.
  const seeded = options.sink.read().then(
    (data) => {
      const found = fromConfigMapData(data);
      const passed = [...(found.ok ? found.record.passed : []), ...(options.localPassed ?? [])];
      state = trackRecord(state, { type: 'seed', passed, ...(found.ok && found.record.handRaisedAt ? { handRaisedAt: found.record.handRaisedAt } : {}) });
    },
    () => {
      state = trackRecord(state, { type: 'seed', passed: options.localPassed ?? [] });
    },
  );

  function write(): Promise<void> {
    writing = writing.then(async () => {
      await seeded;
      const data = toConfigMapData(state.record);
      const text = JSON.stringify(data);
      if (text === written) return;
      try {
        await options.sink.write(data);
        written = text;
        failures = 0;
        if (failing) options.onStatus?.({ ok: true });
        failing = false;
      } catch (error) {
        failures += 1;
        if (!failing) options.onStatus?.({ ok: false, reason: error instanceof Error ? error.message : String(error) });
        failing = true;
        // Retry whatever is newest then; the local progress file is unaffected meanwhile.
        schedule(retryDelay(failures));
      }
    });
    return writing;
  }

  return {
    observe: (snapshot) => dispatch({ type: 'snapshot', snapshot, now: now() }),
    raiseHand: () => dispatch({ type: 'raise-hand', now: now() }),
    get record() {
      return state.record;
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      return write();
    },
    async close() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      await write();
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
