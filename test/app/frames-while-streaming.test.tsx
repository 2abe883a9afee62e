/**
 * The app's screen while a command streams output (issue 9): the container's frame scheduler and
 * the render options the app uses (SCREEN_RENDER_OPTIONS), drawn by Ink into a fake terminal as
 * the app draws (throttled, not ink-testing-library's debug mode, which draws every commit). The
 * clock is Vitest's, so "at once" means "without any time passing", whatever the machine's load.
 */
import '../ui/support/env.js';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { render } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoot, createAppContainer, SCREEN_RENDER_OPTIONS } from '../../src/app/index.js';
import { emptyProgress } from '../../src/engine/progress/index.js';
import { FRAME_INTERVAL_MS } from '../../src/ui/index.js';
import { stripAnsi } from '../ui/support/render.js';
import { COURSE } from '../engine/session/support.js';

/** A terminal that keeps every frame Ink writes (the synchronized-output brackets are not frames). */
class FrameTerminal extends EventEmitter {
  readonly columns = 100;
  readonly rows = 30;
  readonly isTTY = true;
  readonly frames: string[] = [];
  write(chunk: string | Uint8Array, encoding?: unknown, callback?: () => void): boolean {
    const text = stripAnsi(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    if (text.trim() !== '') this.frames.push(text);
    if (typeof encoding === 'function') (encoding as () => void)();
    else callback?.();
    return true;
  }
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Real turns of the event loop (not timers): what Ink and React need to handle a key. */
async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function mountStreaming() {
  const container = createAppContainer({
    course: COURSE,
    progress: emptyProgress(),
    namespace: 'kubedojo',
    registry: { holdInterrupts: (task) => task() },
    runner: { runInteractive: () => Promise.reject(new Error('not in this test')) },
    quit: () => undefined,
  });
  const terminal = new FrameTerminal();
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined }) as unknown as NodeJS.ReadStream;
  const instance = render(<AppRoot state={container.state} intents={container.intents} viewStore={container.viewStore} />, {
    ...SCREEN_RENDER_OPTIONS,
    stdout: terminal as unknown as NodeJS.WriteStream,
    stderr: new FrameTerminal() as unknown as NodeJS.WriteStream,
    stdin,
    patchConsole: false,
  });
  cleanups.push(() => instance.unmount());
  // Ink listens to the keyboard once its effects ran; its first frames' timers end before the
  // test's clock takes over.
  const deadline = Date.now() + 5000;
  while (stdin.listenerCount('readable') === 0 && Date.now() < deadline) await turns(1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] });

  container.viewStore.dispatch({ type: 'command-started', command: 'kubectl get pods -w' });
  let commits = 0;
  const unsubscribe = container.viewStore.subscribe(() => void commits++);
  cleanups.push(unsubscribe);
  let next = 0;
  return {
    container,
    terminal,
    /** View-store changes so far: each is a React render of the screen. */
    commits: () => commits,
    /** `count` lines as a child prints them (bench/app.ts's rollout line). */
    print(count: number): void {
      for (let i = 0; i < count; i++, next++) container.sink.line('stdout', `web-7c5ddbdf54-${String(next).padStart(5, '0')}   1/1     Running   0   ${next % 60}s`);
    },
    press: (key: string) => stdin.write(key),
  };
}

describe('frames while output streams', () => {
  it('renders 5,000 lines in 100 chunks at one frame per interval, not one per chunk', async () => {
    const app = await mountStreaming();
    await vi.advanceTimersByTimeAsync(100);
    const framesBefore = app.terminal.frames.length;
    const commitsBefore = app.commits();

    // 50 lines every 2 ms: 200 ms of streaming, then the screen settles.
    for (let chunk = 0; chunk < 100; chunk++) {
      app.print(50);
      await vi.advanceTimersByTimeAsync(2);
    }
    await vi.advanceTimersByTimeAsync(100);

    // 300 ms of clock: at most one frame (and one render) per interval, plus the first at once.
    const bound = Math.ceil(300 / FRAME_INTERVAL_MS) + 1;
    expect(app.commits() - commitsBefore).toBeLessThanOrEqual(bound);
    expect(app.terminal.frames.length - framesBefore).toBeLessThanOrEqual(bound);
    expect(app.terminal.frames.length - framesBefore).toBeGreaterThanOrEqual(200 / FRAME_INTERVAL_MS - 1);
    expect(app.terminal.frames.at(-1)).toMatch(/web-7c5ddbdf54-04999 /);
  });

  it('draws a key at once, without waiting for the next frame, and with the output that was waiting for it', async () => {
    const app = await mountStreaming();
    for (let chunk = 0; chunk < 20; chunk++) {
      app.print(50);
      await vi.advanceTimersByTimeAsync(2);
    }
    // Just after an output frame: the next one is due a whole interval later.
    await vi.advanceTimersByTimeAsync(FRAME_INTERVAL_MS);
    const lastOutputFrame = app.terminal.frames.at(-1)!;
    expect(lastOutputFrame).toMatch(/web-7c5ddbdf54-00999 /);
    await vi.advanceTimersByTimeAsync(5);
    app.print(1);
    const before = app.terminal.frames.length;

    // `:` focuses the prompt; no time passes on the clock.
    app.press(':');
    await turns();

    const drawn = app.terminal.frames.slice(before);
    expect(drawn).toHaveLength(1);
    // The prompt's keys in the help line (the screen's, with `? help`, before).
    expect(lastOutputFrame).toContain('? help');
    expect(drawn[0]).toContain('Tab edit');
    expect(drawn[0]).not.toContain('? help');
    // The line printed after the last output frame came along with the key's frame.
    expect(drawn[0]).toMatch(/web-7c5ddbdf54-01000 /);

    // And the next output frame is a whole interval after the key's.
    app.print(1);
    await vi.advanceTimersByTimeAsync(FRAME_INTERVAL_MS - 1);
    expect(app.terminal.frames.length - before).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.terminal.frames.at(-1)).toMatch(/web-7c5ddbdf54-01001 /);
  });

  it('opens and closes the help while lines stream, each on the frame right after the key', async () => {
    const app = await mountStreaming();
    for (let round = 0; round < 5; round++) {
      for (let chunk = 0; chunk < 10; chunk++) {
        app.print(50);
        await vi.advanceTimersByTimeAsync(2);
      }
      await vi.advanceTimersByTimeAsync(10);
      let before = app.terminal.frames.length;
      app.press('?');
      await turns();
      expect(app.terminal.frames.slice(before).at(0)).toContain('show this help');
      app.print(50);
      await vi.advanceTimersByTimeAsync(10);
      // Esc alone is told from an escape sequence after Ink's 20 ms.
      before = app.terminal.frames.length;
      app.press('\u001b');
      await vi.advanceTimersByTimeAsync(20);
      await turns();
      const closed = app.terminal.frames.slice(before).find((frame) => !frame.includes('show this help'));
      expect(closed).toBeDefined();
      expect(closed).toContain('$ kubectl get pods -w');
    }
  });
});
