/**
 * Puts the terminal back as the shell left it: Ink unmounts (it leaves the alternate screen,
 * turns raw mode off and shows the cursor), then the same again by hand, for the paths where Ink
 * did not get to it (a crash inside a render, a suspended frame).
 */
import type { Instance } from 'ink';

const SHOW_CURSOR = '\u001b[?25h';

export interface TerminalStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

export async function restoreTerminal(instance: Pick<Instance, 'unmount' | 'waitUntilExit'>, streams: TerminalStreams = process): Promise<void> {
  try {
    instance.unmount();
    await instance.waitUntilExit();
  } catch {
    // An app that ended with an error is still unmounted; the crash is reported by the exit path.
  }
  const { stdin, stdout } = streams;
  if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  if (stdout.isTTY && stdout.writable) stdout.write(SHOW_CURSOR);
}
