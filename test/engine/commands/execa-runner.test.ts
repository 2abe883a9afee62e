import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createExecaRunner } from '../../../src/engine/commands/execa-runner.js';
import { parseCommandLine } from '../../../src/engine/commands/parse-command-line.js';
import type { OutputLine } from '../../../src/engine/commands/command-runner.js';

const node = process.execPath;
const runner = createExecaRunner({ graceMs: 500 });

afterEach(async () => {
  await runner.stopAll();
});

/** Alive and not a zombie (an orphan nobody reaped is dead for our purposes). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function collect(): { lines: OutputLine[]; onLine: (line: OutputLine) => void } {
  const lines: OutputLine[] = [];
  return { lines, onLine: (line) => lines.push(line) };
}

describe('createExecaRunner().run', () => {
  it('streams lines in order, each as it is printed, and returns the exit code', async () => {
    const script = `
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      (async () => {
        for (let i = 1; i <= 3; i++) { console.log('line ' + i); await sleep(150); }
        console.error('warning: on stderr');
        process.stdout.write('no newline at the end');
        process.exitCode = 3;
      })();`;
    const seen: Array<{ line: OutputLine; at: number }> = [];
    const start = Date.now();
    const result = await runner.run([node, '-e', script], { onLine: (line) => seen.push({ line, at: Date.now() - start }) });

    expect(result).toEqual({ exitCode: 3, signal: undefined, aborted: false, startError: undefined });
    expect(seen.map(({ line }) => line)).toEqual([
      { stream: 'stdout', text: 'line 1' },
      { stream: 'stdout', text: 'line 2' },
      { stream: 'stdout', text: 'line 3' },
      { stream: 'stderr', text: 'warning: on stderr' },
      { stream: 'stdout', text: 'no newline at the end' },
    ]);
    // Streamed, not delivered at the end: line 1 arrived well before line 3.
    expect(seen[2]!.at - seen[0]!.at).toBeGreaterThanOrEqual(200);
  });

  it('passes extra environment variables on top of ours', async () => {
    const { lines, onLine } = collect();
    await runner.run([node, '-e', 'console.log(process.env.KUBECONFIG, typeof process.env.PATH)'], {
      env: { KUBECONFIG: '/tmp/pinned.yaml' },
      onLine,
    });
    expect(lines).toEqual([{ stream: 'stdout', text: '/tmp/pinned.yaml string' }]);
  });

  it('hands shell metacharacters to the program literally: no shell ever sees them', async () => {
    const parsed = parseCommandLine(`${node} -e "console.log(JSON.stringify(process.argv.slice(1)))" '$(echo pwned)' '*' ';' '$HOME' "\`id\`"`);
    if (!parsed.ok) throw new Error(parsed.message);
    const { lines, onLine } = collect();
    const result = await runner.run(parsed.argv, { onLine });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(lines[0]!.text)).toEqual(['$(echo pwned)', '*', ';', '$HOME', '`id`']);
  });

  it('refuses unquoted `;` before anything runs', () => {
    expect(parseCommandLine(`${node} -e 1 ; echo pwned`).ok).toBe(false);
  });

  it('reports a program that is not installed with exit code 127', async () => {
    const result = await runner.run(['kubedojo-no-such-program', 'get', 'pods']);
    expect(result).toMatchObject({ exitCode: 127, startError: '`kubedojo-no-such-program` was not found on your PATH.' });
  });

  it('stops a running command on abort with SIGTERM', async () => {
    const { lines, onLine } = collect();
    const controller = new AbortController();
    const running = runner.run([node, '-e', 'console.log(process.pid); setInterval(() => {}, 1000)'], {
      signal: controller.signal,
      onLine,
    });
    const pid = Number(await waitFor(() => lines[0]?.text, 'the child pid'));
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ aborted: true, signal: 'SIGTERM', exitCode: 143 });
    expect(isRunning(pid)).toBe(false);
  });

  it('SIGKILLs a command that ignores SIGTERM, and its children with it', async () => {
    // The child ignores SIGTERM and starts a grandchild that ignores it too (like a credential
    // plugin kubectl spawned): both must be gone when run() resolves.
    const script = `
      process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
      const { spawn } = require('node:child_process');
      const grandchild = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
      console.log(process.pid + ' ' + grandchild.pid);
      setInterval(() => {}, 1000);`;
    const { lines, onLine } = collect();
    const controller = new AbortController();
    const running = runner.run([node, '-e', script], { signal: controller.signal, onLine });
    const [pid, grandchildPid] = (await waitFor(() => lines[0]?.text, 'the pids')).split(' ').map(Number);
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the grandchild install its handler

    const abortedAt = Date.now();
    controller.abort();
    const result = await running;

    expect(Date.now() - abortedAt).toBeGreaterThanOrEqual(450); // waited the 500 ms grace first
    expect(lines.map((line) => line.text)).toContain('ignoring SIGTERM');
    expect(result).toMatchObject({ aborted: true, signal: 'SIGKILL', exitCode: 137 });
    expect(isRunning(pid!)).toBe(false);
    await waitFor(() => (isRunning(grandchildPid!) ? undefined : true), 'the grandchild to die', 2000);
  });

  it('does not start a command whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { lines, onLine } = collect();
    const result = await runner.run([node, '-e', 'console.log("ran")'], { signal: controller.signal, onLine });
    expect(result.aborted).toBe(true);
    expect(lines).toEqual([]);
  });

  it('stopAll stops every running command (the exit registry’s cleanup)', async () => {
    const { lines, onLine } = collect();
    const forever = 'console.log(process.pid); setInterval(() => {}, 1000)';
    const first = runner.run([node, '-e', forever], { onLine });
    const second = runner.run([node, '-e', forever], { onLine });
    await waitFor(() => (lines.length === 2 ? true : undefined), 'both pids');
    await runner.stopAll();
    const results = await Promise.all([first, second]);
    expect(results.map((result) => result.aborted)).toEqual([true, true]);
    for (const line of lines) expect(isRunning(Number(line.text))).toBe(false);
  });
});

  // execa loads with the first command (not with the app's first frame): a command stopped or
  // aborted before it could start never starts.
  it('a command stopped by stopAll or its signal before it started never runs', async () => {
    const fresh = createExecaRunner({ graceMs: 500 });
    const { lines, onLine } = collect();
    const stoppedByAll = fresh.run([node, '-e', 'console.log("ran")'], { onLine });
    await fresh.stopAll();
    const controller = new AbortController();
    const aborted = fresh.run([node, '-e', 'console.log("ran")'], { onLine, signal: controller.signal });
    controller.abort();
    expect((await stoppedByAll).aborted).toBe(true);
    expect((await aborted).aborted).toBe(true);
    expect(lines).toEqual([]);
    await fresh.stopAll();
  });

describe('createExecaRunner().runInteractive', () => {
  it('runs with the inherited terminal and returns the exit code', async () => {
    const result = await runner.runInteractive([node, '-e', 'process.exit(process.env.CODE === "7" ? 7 : 1)'], { CODE: '7' });
    expect(result).toEqual({ exitCode: 7, signal: undefined, aborted: false, startError: undefined });
  });
});
