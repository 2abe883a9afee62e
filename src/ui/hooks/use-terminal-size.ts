import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** Used when the stream does not know its size (piped output, test streams). */
export const FALLBACK_SIZE: TerminalSize = { columns: 80, rows: 24 };

function read(stream: NodeJS.WritableStream, fallback: TerminalSize): TerminalSize {
  const { columns, rows } = stream as Partial<Pick<NodeJS.WriteStream, 'columns' | 'rows'>>;
  return {
    columns: typeof columns === 'number' && columns > 0 ? columns : fallback.columns,
    rows: typeof rows === 'number' && rows > 0 ? rows : fallback.rows,
  };
}

/**
 * The size of Ink's stdout, re-read on every 'resize' event; the listener is removed on unmount.
 * Like Ink's `useWindowSize` (src/hooks/use-window-size.ts), but it never falls back to
 * `terminal-size` (which may spawn `tput`): an unknown size is `fallback`.
 */
export function useTerminalSize(fallback: TerminalSize = FALLBACK_SIZE): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout, fallback));
  useEffect(() => {
    const onResize = (): void => {
      setSize((previous) => {
        const next = read(stdout, fallback);
        return next.columns === previous.columns && next.rows === previous.rows ? previous : next;
      });
    };
    stdout.on('resize', onResize);
    onResize();
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fallback.columns, fallback.rows]);
  return size;
}
