/**
 * The one wrapped render helper of the UI tests (after Shopify/cli's testing/ui.ts): frames come
 * back with ANSI stripped, `waitFor` resolves when a frame matches (checked on every write, no
 * fixed sleeps), keys are written by name, and the fake terminal can be resized.
 *
 * It wraps ink-testing-library's `render`; that stdout is fixed at 100 columns with no `rows`, so
 * `resize` shadows both on the instance and emits 'resize', as a real terminal would.
 */
import './env.js';
import { renderToString, Text } from 'ink';
import { render as inkRender } from 'ink-testing-library';
import type { ReactElement } from 'react';

// Fail loudly instead of letting colour assertions pass or fail for the wrong reason.
if (!renderToString(<Text color="red">x</Text>).includes('\u001b[31m')) {
  throw new Error('Ink renders without colours: import ./support/render.js before anything that imports ink');
}

const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007]*\u0007/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** SGR sequences that set a foreground / background colour (bold, dim, inverse are not colours). */
export const COLOUR_CODE = /\u001b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

const KEYS: Record<string, string> = {
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  backspace: '\u007f',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  'ctrl+c': '\u0003',
  'ctrl+u': '\u0015',
};

export interface WaitOptions {
  readonly timeout?: number;
}

export interface RenderUiOptions extends WaitOptions {
  /** Wait until the app listens to the keyboard before resolving. Default true; false for widgets without input. */
  readonly keyboard?: boolean;
}

export interface RenderedUi {
  /** The last frame, ANSI stripped. */
  frame(): string;
  /** The last frame with ANSI codes. */
  rawFrame(): string;
  /** Resolves with the first frame (stripped) for which `match` holds; rejects after the timeout with the last frame. */
  waitFor(match: string | RegExp | ((frame: string) => boolean), options?: WaitOptions): Promise<string>;
  /** Writes keys: names from the table above (`enter`, `esc`, `ctrl+c` …) or literal characters. */
  press(...keys: string[]): void;
  /** Writes `text` one character per write, as a person typing. */
  type(text: string): void;
  resize(columns: number, rows?: number): void;
  readonly stdout: NodeJS.EventEmitter & { frames: string[] };
  rerender(tree: ReactElement): void;
  unmount(): void;
}

export async function renderUi(tree: ReactElement, options: RenderUiOptions = {}): Promise<RenderedUi> {
  const instance = inkRender(tree);
  const { stdout, stdin } = instance;
  const waiters = new Set<() => void>();
  const write = stdout.write;
  stdout.write = (frame: string) => {
    write(frame);
    for (const waiter of [...waiters]) waiter();
  };
  const frame = (): string => stripAnsi(instance.lastFrame() ?? '');

  const waitFor: RenderedUi['waitFor'] = (match, { timeout = 3000 } = {}) => {
    const test = (f: string): boolean =>
      typeof match === 'string' ? f.includes(match) : match instanceof RegExp ? match.test(f) : match(f);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const current = frame();
        if (!test(current)) return;
        cleanup();
        resolve(current);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`waitFor(${String(match)}) timed out after ${timeout} ms; last frame:\n${frame()}`));
      }, timeout);
      const cleanup = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  };

  // Keys written before useInput subscribed would be lost: wait until Ink listens to stdin.
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (options.keyboard === false || stdin.listenerCount('readable') > 0) resolve();
      else if (Date.now() - started > (options.timeout ?? 3000)) reject(new Error('the app never listened to stdin'));
      else setImmediate(poll);
    };
    poll();
  });

  return {
    frame,
    rawFrame: () => instance.lastFrame() ?? '',
    waitFor,
    press: (...keys) => {
      for (const key of keys) stdin.write(KEYS[key] ?? key);
    },
    type: (text) => {
      for (const char of text) stdin.write(char);
    },
    resize(columns, rows = 24) {
      Object.defineProperty(stdout, 'columns', { configurable: true, get: () => columns });
      Object.defineProperty(stdout, 'rows', { configurable: true, get: () => rows });
      stdout.emit('resize');
    },
    stdout,
    rerender: instance.rerender,
    unmount: instance.unmount,
  };
}
