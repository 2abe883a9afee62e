import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// Real processes, real signals: the child is a small program built on the exit registry.
const fixture = fileURLToPath(new URL('./fixtures/exit-child.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

interface RunningChild {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  waitForLine: (text: string) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startChild(scenario: string): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, scenario], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLine = async (text: string): Promise<void> => {
    const deadline = Date.now() + 20_000;
    while (!out.split('\n').some((line) => line.startsWith(text))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`no "${text}" in: ${out}\n${err}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { child, stdout: () => out, stderr: () => err, waitForLine, exited };
}

const cleanupLines = (stdout: string): string[] => stdout.split('\n').filter((line) => line.startsWith('cleanup:'));
const EXPECTED_ORDER = ['cleanup: last registered', 'cleanup: async', 'cleanup: first registered'];

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('exit registry in a real process', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('on %s runs every cleanup newest first, isolated, then exits %i', async (signal, code) => {
    const run = startChild('signals');
    await run.waitForLine('ready');
    run.child.kill(signal);
    expect(await run.exited).toEqual({ code, signal: null });
    expect(cleanupLines(run.stdout())).toEqual(EXPECTED_ORDER);
    expect(run.stderr()).toContain('cleanup "hangs" did not finish within 300 ms');
    expect(run.stderr()).toContain('cleanup "throws" failed: Error: boom');
  });

  it('runs the cleanups only once when signals keep coming', async () => {
    const run = startChild('signals');
    await run.waitForLine('ready');
    run.child.kill('SIGINT');
    await run.waitForLine('cleanup: last registered');
    run.child.kill('SIGTERM'); // while the "hangs" cleanup is still waiting out its timeout
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 130, signal: null });
    expect(cleanupLines(run.stdout())).toEqual(EXPECTED_ORDER);
  });

  it('exits 0 through the same cleanups when the app quits (q)', async () => {
    const run = startChild('quit');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(cleanupLines(run.stdout())).toEqual(EXPECTED_ORDER);
  });

  it.each([
    ['throw', 'kaboom'],
    ['reject', 'rejected promise'],
  ])('on a crash (%s) cleans up first, then reports the error and exits 1', async (scenario, message) => {
    const run = startChild(scenario);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(cleanupLines(run.stdout())).toEqual(EXPECTED_ORDER);
    const stderr = run.stderr();
    expect(stderr).toContain(`kubedojo crashed: Error: ${message}`);
    // The crash report comes after the cleanup reports, i.e. on a restored terminal.
    expect(stderr.indexOf('kubedojo crashed')).toBeGreaterThan(stderr.indexOf('cleanup "throws" failed'));
  });

  it('stops the commands it started before exiting', async () => {
    const run = startChild('children');
    await run.waitForLine('child pid');
    const pid = Number(/child pid (\d+)/.exec(run.stdout())![1]);
    expect(isRunning(pid)).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 143, signal: null });
    expect(isRunning(pid)).toBe(false);
  });

  it('ignores SIGINT while an interactive child holds the terminal', async () => {
    const run = startChild('hold');
    await run.waitForLine('holding');
    run.child.kill('SIGINT');
    await run.waitForLine('released');
    expect(cleanupLines(run.stdout())).toEqual([]);
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 130, signal: null });
    expect(cleanupLines(run.stdout())).toEqual(EXPECTED_ORDER);
  });
});
