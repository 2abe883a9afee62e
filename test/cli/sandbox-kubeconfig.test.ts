/**
 * Issue #7, section 2: `kubedojo sandbox` wrote its token to `/tmp/kubedojo-sandbox-<pid>/kubeconfig`
 * with a mkdir that accepted an existing directory and a write that followed links, and never
 * removed it. Now: a fresh private directory, an exclusive 0600 write, removed on every stop.
 */
import { lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { writeSandboxKubeconfig } from '../../src/sandbox/kubeconfig.js';
import { cliHome, REPO, type CliHome } from './support/cli.js';

const running: ResultPromise[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

/** Starts `kubedojo sandbox` and waits for its KUBECONFIG line. */
async function startSandboxCommand(home: CliHome, args: string[] = []): Promise<{ child: ResultPromise; kubeconfig: string; output: () => string }> {
  const child = execa(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'sandbox', '--speed', '50', ...args], {
    cwd: REPO, env: home.env, extendEnv: false, reject: false, stdin: 'ignore', all: true,
    // execa would SIGKILL 5 s after kill(): a slow stop on a busy machine must still be a clean one.
    forceKillAfterDelay: false,
  });
  running.push(child);
  let text = '';
  const kubeconfig = await new Promise<string>((resolve, reject) => {
    child.all!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /export KUBECONFIG=(\S+)\n/.exec(text);
      if (match) resolve(match[1]!);
    });
    void child.then(() => reject(new Error(`kubedojo sandbox exited early:\n${text}`)));
  });
  return { child, kubeconfig, output: () => text };
}

const mode = (path: string): number => statSync(path).mode & 0o777;

describe('kubedojo sandbox: the kubeconfig it writes', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('lives in a fresh private directory, 0600, removed on %s', async (signal) => {
    const home = cliHome();
    const { child, kubeconfig } = await startSandboxCommand(home);
    const dir = join(kubeconfig, '..');
    const tmp = home.env.TMPDIR!;
    expect(dir.startsWith(tmp)).toBe(true);
    // mkdtemp's random suffix, not the predictable pid.
    expect(dir).not.toMatch(new RegExp(`-${child.pid}$`));
    expect(mode(dir)).toBe(0o700);
    expect(mode(kubeconfig)).toBe(0o600);
    expect(statSync(kubeconfig).uid).toBe(process.getuid!());
    expect(readFileSync(kubeconfig, 'utf8')).toContain('token:');

    child.kill(signal);
    const result = await child;
    expect({ exitCode: result.exitCode, signal: result.signal, output: result.all }).toEqual({ exitCode: 0, signal: undefined, output: expect.stringContaining('Sandbox stopped.') });
    expect(existsSync(dir)).toBe(false);
  });

  it('with --kubeconfig, replaces a planted link instead of writing through it, and removes the file on stop', async () => {
    const home = cliHome();
    const victim = join(home.dir, 'victim');
    writeFileSync(victim, 'precious\n', { mode: 0o644 });
    const path = join(home.dir, 'sandbox.kubeconfig');
    // Not a kubedojo kubeconfig: the command refuses to replace it.
    symlinkSync(victim, path);
    const refused = await execa(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'sandbox', '--kubeconfig', path], {
      cwd: REPO, env: home.env, extendEnv: false, reject: false, stdin: 'ignore',
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/^kubedojo sandbox: .* is not a kubedojo sandbox kubeconfig/);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  it('writeSandboxKubeconfig never follows a link planted at the path (the attack on the next pid)', async () => {
    const home = cliHome();
    const victim = join(home.dir, 'victim');
    writeFileSync(victim, 'precious\n', { mode: 0o644 });
    const dir = join(home.dir, 'kubedojo-sandbox-4242');
    mkdirSync(dir);
    symlinkSync(victim, join(dir, 'kubeconfig'));
    await writeSandboxKubeconfig(join(dir, 'kubeconfig'), 'https://127.0.0.1:1', 'secret-token', 'cert');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(mode(victim)).toBe(0o644);
    expect(lstatSync(join(dir, 'kubeconfig')).isSymbolicLink()).toBe(false);
    expect(mode(join(dir, 'kubeconfig'))).toBe(0o600);
  });

  it('with --kubeconfig to a new path: 0600 and removed on stop', async () => {
    const home = cliHome();
    const path = join(home.dir, 'mine', 'kubeconfig');
    const { child, kubeconfig } = await startSandboxCommand(home, ['--kubeconfig', path]);
    expect(kubeconfig).toBe(path);
    expect(mode(path)).toBe(0o600);
    child.kill('SIGINT');
    await child;
    expect(existsSync(path)).toBe(false);
  });
});
