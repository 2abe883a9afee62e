/**
 * Ink's first frame of an element, rendered to memory instead of the terminal: the bytes the app
 * would write for it at start, escape sequences and all. The app keeps the frame its next start
 * will draw (src/cli/frame-replay) this way as it quits, with the same render options as the real
 * screen, so the replay finds the very bytes Ink writes then.
 */
import { PassThrough, Writable } from 'node:stream';
import { render } from 'ink';
import type { ReactElement } from 'react';
import { SCREEN_RENDER_OPTIONS } from './render-options.js';

/** A terminal of `size` that keeps what is written to it. */
class RecordingTerminal extends Writable {
  readonly isTTY = true;
  text = '';
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super({ decodeStrings: false });
  }
  override _write(chunk: string | Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    callback();
  }
}

/** Keys the off-screen app never reads: Ink asks a TTY for raw mode, and this one has none to switch. */
function silentKeyboard(): NodeJS.ReadStream {
  return Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => undefined, ref: () => undefined, unref: () => undefined }) as unknown as NodeJS.ReadStream;
}

export async function renderOffScreen(element: ReactElement, size: { columns: number; rows: number }): Promise<string> {
  const terminal = new RecordingTerminal(size.columns, size.rows);
  const instance = render(element, {
    ...SCREEN_RENDER_OPTIONS,
    alternateScreen: true,
    stdout: terminal as unknown as NodeJS.WriteStream,
    stderr: terminal as unknown as NodeJS.WriteStream,
    stdin: silentKeyboard(),
    patchConsole: false,
  });
  try {
    await instance.waitUntilRenderFlush();
    return terminal.text;
  } finally {
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}
