/** The terminal goes to an interactive child and comes back; SIGINT is held meanwhile. */
import { describe, expect, it, vi } from 'vitest';
import { createTerminalHandoff } from '../../src/app/index.js';
import type { RunResult } from '../../src/engine/commands/index.js';
import { createExitRegistry } from '../../src/engine/lifecycle/index.js';

const ok: RunResult = { exitCode: 0, signal: undefined, aborted: false, startError: undefined };

describe('terminal hand-off', () => {
  it('suspends Ink, turns the keyboard off and holds SIGINT while the child runs, then undoes all three', async () => {
    const events: string[] = [];
    const registry = createExitRegistry({ process: { on: () => undefined, off: () => undefined, exit: () => undefined } });
    const holdInterrupts = vi.spyOn(registry, 'holdInterrupts');
    const suspend = vi.fn(async (callback?: () => void | Promise<void>) => {
      events.push('suspend');
      await callback?.();
      events.push('resume');
    });
    const handoff = createTerminalHandoff({
      runner: {
        runInteractive: vi.fn(async (argv: readonly string[], env) => {
          events.push(`child ${argv.join(' ')} KUBECONFIG=${env?.KUBECONFIG}`);
          return ok;
        }),
      },
      registry,
      suspend: () => suspend as never,
      setKeyboard: (on) => events.push(`keyboard ${on}`),
    });

    const result = await handoff(['kubectl', 'edit', 'deployment/web'], { KUBECONFIG: '/tmp/k' });

    expect(result).toEqual(ok);
    expect(holdInterrupts).toHaveBeenCalledOnce();
    expect(events).toEqual(['keyboard false', 'suspend', 'child kubectl edit deployment/web KUBECONFIG=/tmp/k', 'resume', 'keyboard true']);
  });

  it('gives the keyboard back when the child fails to run', async () => {
    const keyboard: boolean[] = [];
    const handoff = createTerminalHandoff({
      runner: { runInteractive: async () => Promise.reject(new Error('spawn failed')) },
      registry: { holdInterrupts: (task) => task() },
      suspend: () => (async (callback?: () => Promise<void>) => callback?.()) as never,
      setKeyboard: (on) => keyboard.push(on),
    });
    await expect(handoff(['kubectl', 'edit', 'x'], {})).rejects.toThrow('spawn failed');
    expect(keyboard).toEqual([false, true]);
  });

  it('runs the child directly when there is no screen to suspend', async () => {
    const runInteractive = vi.fn(async () => ok);
    const setKeyboard = vi.fn();
    const handoff = createTerminalHandoff({ runner: { runInteractive }, registry: { holdInterrupts: (task) => task() }, suspend: () => undefined, setKeyboard });
    await handoff(['kubectl', 'exec', '-it', 'web', '--', 'sh'], {});
    expect(runInteractive).toHaveBeenCalledOnce();
    expect(setKeyboard).not.toHaveBeenCalled();
  });
});
