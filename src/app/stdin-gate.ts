/**
 * Makes sure the app reads nothing from the terminal while a child has it (issue #8, item 9).
 *
 * Ink's suspend turns raw mode off and detaches its 'readable' listener, but Node's tty stream
 * keeps its libuv read running: a paused stream only stops reading once its buffer is full
 * (net.Socket's pause() does not call readStop). So while vi ran, the app's stdin still raced vi
 * for every key, and the keys it won were replayed into the app when Ink resumed ("/image: nginx"
 * typed in vi landing in the prompt). `hold` stops the read at the handle; `release` throws away
 * anything buffered meanwhile, so Ink resumes with an empty stream and restarts the read itself.
 */

/** The slice of a tty.ReadStream this needs; `_handle` is Node's libuv stream (net.Socket's). */
export interface GateableStdin {
  read(): unknown;
  readableLength: number;
  _handle?: { reading?: boolean; readStop?: () => number; readStart?: () => number } | null;
}

export interface StdinGate {
  /** Stops reading from the terminal. */
  hold(): void;
  /** Discards what was read but not consumed, and starts the terminal read again for Ink. */
  release(): void;
}

export function createStdinGate(stdin: GateableStdin): StdinGate {
  const discard = (): void => {
    while (stdin.readableLength > 0 && stdin.read() !== null) {
      // Keys meant for the child, or typed before it started: none of them are the app's.
    }
  };
  return {
    hold() {
      // Discard first: reading the buffer may itself restart the terminal read.
      discard();
      const handle = stdin._handle;
      if (handle?.reading && typeof handle.readStop === 'function') {
        // Exactly what net.Socket does when its buffer is full.
        handle.reading = false;
        handle.readStop();
      }
    },
    release() {
      discard();
      const handle = stdin._handle;
      // net.Socket's tryReadStart. A `_read` that was waiting when the read stopped is still
      // marked as pending in the stream, so nothing else would start it again.
      if (handle && handle.reading === false && typeof handle.readStart === 'function') {
        handle.reading = true;
        handle.readStart();
      }
    },
  };
}
