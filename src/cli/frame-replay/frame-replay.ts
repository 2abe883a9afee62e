/**
 * The replayed first frame (issue 9: the first frame of the TUI). Drawing the app's first frame
 * takes Node ~90 ms to start, then ~250 ms to load Ink, React and yoga and to lay out and render
 * the screen once. The first frame is a pure function of a few inputs (the command line, the
 * terminal's size, the environment that picks colours, the saved progress, the program itself),
 * so the app keeps the exact bytes Ink wrote for it, and the next start with the same inputs
 * writes those bytes before it loads anything: the screen is there in ~100 ms, and Ink takes it
 * over when it is ready. What a learner types meanwhile is not lost: the terminal is switched to
 * raw mode with the replay (so nothing echoes over the frame), the kernel keeps the keys, and Ink
 * reads them once it listens.
 *
 * The take-over keeps the screen right whatever happened in between:
 * - Ink's first frame is held back until it is complete. Byte-for-byte the replayed one (the
 *   usual case), it is dropped: the screen already shows it, and the terminal is in the same
 *   state (alternate screen, cursor hidden, saved cursor). Different (the inputs changed in a way
 *   the key does not see, such as an edited kubeconfig), the replay is undone (leaving the
 *   alternate screen restores the shell's cursor) and Ink's frame is written in the same write,
 *   so the terminal never shows a half-drawn screen; and the new frame is kept for next time.
 * - Any other output before the take-over (a flag error, a refused context, a crash) first puts
 *   the terminal back as the shell left it, so the message is printed where the learner sees it.
 *   So does an exit, or a SIGINT / SIGTERM / SIGHUP, before the take-over.
 *
 * This module is pure: the process's streams, signals and files are behind {@link ReplayPorts}
 * (process-ports.ts).
 */

/** Show the cursor, then leave the alternate screen (which restores the cursor saved on entry). */
export const UNDO_REPLAY = '\u001b[?25h\u001b[?1049l';
/** Leave the alternate screen only: Ink's own frame, written next, hides the cursor again. */
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';

export interface ReplayPorts {
  /** Writes to the terminal, past any interception. */
  writeTerminal(text: string): void;
  setRawMode(on: boolean): void;
  /**
   * Calls `onOutput` before the first write anyone else makes to stdout or stderr, and before the
   * process exits or dies of a signal; returns a function that removes all of it.
   */
  guard(onOutput: () => void): () => void;
  /**
   * Holds every stdout write back, giving each to `collect` instead (write callbacks still run);
   * returns a function that lets writes through again.
   */
  holdStdout(collect: (text: string) => void): () => void;
  /** Lets stdout writes through, giving each to `collect` as well. */
  recordStdout(collect: (text: string) => void): () => void;
}

export interface FrameStore {
  /** The frame kept for `key`, or undefined. Never throws. */
  read(key: string): string | undefined;
  /** Keeps `frame` for `key` (the store holds one frame). Never throws. */
  write(key: string, frame: string): void;
}

/** The app's side: called just before Ink renders, then once its first frame is flushed. */
export interface FrameTakeover {
  /**
   * Ink's first frame is complete: put it on the terminal unless it is there already, keep it for
   * the next start, and let writes through again. Idempotent; the app's exit path calls it too,
   * so a render that never completes holds nothing back.
   */
  finish(): void;
}

/** `run` the first time only. */
function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run();
  };
}

type Phase =
  | { kind: 'off' }
  | { kind: 'ready'; key: string }
  | { kind: 'replayed'; key: string; frame: string; unguard: () => void }
  | { kind: 'taking-over' }
  | { kind: 'done' };

export class FrameReplay {
  private phase: Phase = { kind: 'off' };

  constructor(
    private readonly ports: ReplayPorts,
    private readonly store: FrameStore,
  ) {}

  /**
   * At start, before anything loads: writes the frame kept for `key`, if there is one. `key`
   * undefined (not a terminal) turns the replay off for this run.
   */
  start(key: string | undefined): boolean {
    if (this.phase.kind !== 'off') return false;
    if (key === undefined) {
      this.phase = { kind: 'done' };
      return false;
    }
    const frame = this.store.read(key);
    if (frame === undefined || frame === '') {
      this.phase = { kind: 'ready', key };
      return false;
    }
    this.ports.setRawMode(true);
    this.ports.writeTerminal(frame);
    const unguard = this.ports.guard(() => this.undo());
    this.phase = { kind: 'replayed', key, frame, unguard };
    return true;
  }

  /** Whether a replayed frame is on the terminal now, waiting for Ink. */
  get replayed(): boolean {
    return this.phase.kind === 'replayed';
  }

  /** Just before Ink renders its first frame. */
  takeOver(): FrameTakeover {
    const phase = this.phase;
    if (phase.kind === 'ready') {
      this.phase = { kind: 'taking-over' };
      let frame = '';
      const stop = this.ports.recordStdout((text) => (frame += text));
      return {
        finish: once(() => {
          stop();
          this.phase = { kind: 'done' };
          if (frame !== '') this.store.write(phase.key, frame);
        }),
      };
    }
    if (phase.kind === 'replayed') {
      phase.unguard();
      this.phase = { kind: 'taking-over' };
      let frame = '';
      const release = this.ports.holdStdout((text) => (frame += text));
      return {
        finish: once(() => {
          release();
          this.phase = { kind: 'done' };
          if (frame === phase.frame) return;
          this.ports.writeTerminal(LEAVE_ALTERNATE_SCREEN + frame);
          if (frame !== '') this.store.write(phase.key, frame);
        }),
      };
    }
    // Not started (tests, the bench) or already taken over: Ink draws as usual.
    return { finish: () => undefined };
  }

  /** Something else is about to reach the terminal, or the process ends: the shell's screen back. */
  private undo(): void {
    const phase = this.phase;
    if (phase.kind !== 'replayed') return;
    this.phase = { kind: 'done' };
    phase.unguard();
    this.ports.writeTerminal(UNDO_REPLAY);
    this.ports.setRawMode(false);
  }
}
