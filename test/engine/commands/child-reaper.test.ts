/**
 * Issue #7, §5: `kill -9` of the app left its kubectl children running (they are detached, each in
 * its own process group). A process that owns the real execa runner is killed with SIGKILL here;
 * everything it started must be gone a few seconds later: whole groups (grandchildren, and
 * children that ignore SIGTERM, after the grace), interactive children, and the reaper itself.
 * The built app in a terminal gets the same proof with kubectl in test/e2e/app-sigkill.e2e.test.ts.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createChildReaper } from '../../../src/engine/commands/child-reaper.js';
import { createExecaRunner } from '../../../src/engine/commands/execa-runner.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'runner-then-wait.ts');
const owners: ResultPromise[] = [];
const leftovers: number[] = [];

afterEach(() => {
  for (const owner of owners.splice(0)) owner.kill('SIGKILL');
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Live processes whose environment carries `marker`: the owner, its children and grandchildren. */
function processesWith(marker: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker) || !isRunning(pid)) continue;
      found.push({ pid, command: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await delay(25);
  }
  return true;
}

describe('children do not outlive a SIGKILLed kubedojo', () => {
  it('stops every group it started, SIGTERM-deaf ones after the grace, and interactive children', async () => {
    // In a value, not a name: sh passes on only variables whose names are identifiers.
    const marker = `reaper-test-${randomUUID()}`;
    const commands = [
      // A group: the command and a grandchild.
      { kind: 'run', argv: ['sh', '-c', 'sleep 301 & sleep 302; wait'] },
      // A group that ignores SIGTERM (the ignore is inherited by its sleep): needs the SIGKILL.
      { kind: 'run', argv: ['sh', '-c', "trap '' TERM; sleep 303 & wait"] },
      // An interactive child stays in the owner's group: the reaper stops it by pid.
      { kind: 'interactive', argv: ['sleep', '304'] },
    ];
    const owner = execa(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify(commands)], {
      env: { KUBEDOJO_REAPER_TEST: marker },
      // Ignored: an interactive child inherits them, and execa would wait for them to close.
      stdio: 'ignore',
      reject: false,
    });
    owners.push(owner);
    const sleeps = () => processesWith(marker).filter((p) => /^sleep 30\d$/.test(p.command));
    await until(() => sleeps().length === 4, 20_000);
    expect(sleeps()).toHaveLength(4);
    const before = processesWith(marker);
    leftovers.push(...before.map((p) => p.pid));

    owner.kill('SIGKILL');
    expect((await owner).signal).toBe('SIGKILL');

    // The grace is 500 ms; a few seconds allow for a loaded machine.
    await until(() => processesWith(marker).length === 0, 8_000);
    expect(processesWith(marker)).toEqual([]);
  }, 40_000);
});

describe('createChildReaper', () => {
  it('leaves alone what was forgotten, and exits on close', async () => {
    const reaper = createChildReaper({ graceMs: 200 });
    const child = spawn('sleep', ['305'], { detached: true, stdio: 'ignore' });
    leftovers.push(child.pid!);
    reaper.watch(-child.pid!);
    reaper.forget(-child.pid!);
    const reaperPid = reaper.pid!;
    expect(isRunning(reaperPid)).toBe(true);

    await reaper.close();

    expect(await until(() => !isRunning(reaperPid), 2_000)).toBe(true);
    await delay(400);
    expect(isRunning(child.pid!)).toBe(true);
  });

  it('stops a watched group when its owner closes the pipe without forgetting it (as a dead kubedojo does)', async () => {
    const reaper = createChildReaper({ graceMs: 200 });
    const child = spawn('sh', ['-c', 'sleep 306 & wait'], { detached: true, stdio: 'ignore' });
    leftovers.push(child.pid!);
    reaper.watch(-child.pid!);
    await reaper.close();
    expect(await until(() => !isRunning(child.pid!), 3_000)).toBe(true);
  });

  it('stopAll waits for the reaper even when nothing else keeps the process alive', async () => {
    const result = await execa(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'stop-all-then-print.ts')], { reject: false });
    expect({ stdout: result.stdout, exitCode: result.exitCode }).toEqual({ stdout: 'after stopAll', exitCode: 0 });
  });

  it('a runner lets its reaper go on stopAll, so a clean exit leaves nothing behind', async () => {
    const reaper = createChildReaper();
    const runner = createExecaRunner({ graceMs: 300, reaper });
    const result = runner.run(['sleep', '307']);
    expect(await until(() => reaper.pid !== undefined, 2_000)).toBe(true);
    const reaperPid = reaper.pid!;
    await runner.stopAll();
    expect((await result).aborted).toBe(true);
    expect(isRunning(reaperPid)).toBe(false);
  });
});
