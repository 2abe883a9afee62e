import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createExitRegistry, exitCodeForSignal } from '../../../src/engine/lifecycle/exit-registry.js';
import { runCleanups } from '../../../src/engine/lifecycle/run-cleanups.js';

class FakeProcess extends EventEmitter {
  exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

function setup() {
  const proc = new FakeProcess();
  const reports: string[] = [];
  const registry = createExitRegistry({ process: proc, cleanupTimeoutMs: 50, report: (text) => reports.push(text) });
  return { proc, reports, registry };
}

describe('runCleanups', () => {
  it('runs in the given order and isolates throws, rejections and hangs', async () => {
    const ran: string[] = [];
    const failures = await runCleanups(
      [
        { name: 'a', run: () => void ran.push('a') },
        { name: 'sync throw', run: () => { throw new Error('sync'); } },
        { name: 'rejects', run: () => Promise.reject(new Error('async')) },
        { name: 'hangs', run: () => new Promise(() => undefined) },
        { name: 'b', run: async () => void ran.push('b') },
      ],
      30,
    );
    expect(ran).toEqual(['a', 'b']);
    expect(failures.map(({ name, timedOut }) => ({ name, timedOut }))).toEqual([
      { name: 'sync throw', timedOut: false },
      { name: 'rejects', timedOut: false },
      { name: 'hangs', timedOut: true },
    ]);
  });
});

describe('createExitRegistry', () => {
  it('maps signals to the shell’s exit codes', () => {
    expect(exitCodeForSignal('SIGINT')).toBe(130);
    expect(exitCodeForSignal('SIGTERM')).toBe(143);
    expect(exitCodeForSignal('SIGHUP')).toBe(129);
  });

  it('runs cleanups newest first, once, then exits', async () => {
    const { proc, registry } = setup();
    const ran: string[] = [];
    registry.register('terminal', () => void ran.push('terminal'));
    registry.register('children', () => void ran.push('children'));
    expect(registry.exiting).toBe(false);
    const first = registry.exit(0);
    const second = registry.exit(1);
    expect(registry.exiting).toBe(true);
    await Promise.all([first, second]);
    expect(ran).toEqual(['children', 'terminal']);
    expect(proc.exits).toEqual([0]);
  });

  it('does not run a cleanup that was unregistered', async () => {
    const { registry } = setup();
    const ran: string[] = [];
    const unregister = registry.register('watch', () => void ran.push('watch'));
    unregister();
    unregister(); // twice is harmless
    await registry.exit(0);
    expect(ran).toEqual([]);
  });

  it('reports failing cleanups and a crash, crash last', async () => {
    const { proc, reports, registry } = setup();
    registry.register('flush progress', () => { throw new Error('disk full'); });
    await registry.exit(1, new Error('kaboom'));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatch(/^kubedojo: cleanup "flush progress" failed: Error: disk full/);
    expect(reports[1]).toMatch(/^kubedojo crashed: Error: kaboom/);
    expect(proc.exits).toEqual([1]);
  });

  it('install hooks signals and crashes; the returned function unhooks them', async () => {
    const { proc, registry } = setup();
    const uninstall = registry.install();
    expect(proc.listenerCount('SIGINT')).toBe(1);
    expect(proc.listenerCount('unhandledRejection')).toBe(1);
    uninstall();
    for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'uncaughtException', 'unhandledRejection']) {
      expect(proc.listenerCount(event)).toBe(0);
    }
  });

  it('exits 143 on SIGTERM', async () => {
    const { proc, registry } = setup();
    registry.install();
    proc.emit('SIGTERM');
    await registry.exit(99); // joins the exit already under way
    expect(proc.exits).toEqual([143]);
  });

  it('holds SIGINT while an interactive command runs, but not SIGTERM', async () => {
    const { proc, registry } = setup();
    registry.install();
    await registry.holdInterrupts(async () => {
      proc.emit('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(registry.exiting).toBe(false);
    });
    await registry.holdInterrupts(async () => {
      proc.emit('SIGTERM');
    });
    await registry.exit(0);
    expect(proc.exits).toEqual([143]);
  });
});
