/** Every command has --help; a bad flag is one line on stderr and exit code 1, before anything runs. */
import { describe, expect, it } from 'vitest';
import { cliHome, kubedojo } from './support/cli.js';

const home = cliHome();

describe('kubedojo --help', () => {
  it('lists every command, the app flags and examples', async () => {
    const { stdout, exitCode } = await kubedojo(home, ['--help']);
    expect(exitCode).toBe(0);
    for (const command of ['start', 'list', 'check', 'doctor', 'reset', 'env', 'rehearse', 'sandbox', 'lint']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const flag of ['--context <name>', '--allow-remote', '--sandbox', '--speed <factor>', '--lessons <dir>']) expect(stdout).toContain(flag);
    expect(stdout).not.toContain('--namespace');
    expect(stdout).toContain('eval "$(kubedojo env)"');
  });

  it.each([
    ['start', ['<lesson>', '--context <name>', '--sandbox']],
    ['list', ['-o, --output <format>', '--lessons <dir>']],
    ['check', ['--context <name>', '--allow-remote', '--sandbox', '--speed <factor>']],
    ['doctor', ['--context <name>', '--allow-remote']],
    ['reset', ['[lesson]', '-y, --yes', '--sandbox']],
    ['env', ['--shell <shell>']],
    ['rehearse', ['--lessons <dir>', '--context <name>', '--speed <factor>', '--timeout <duration>']],
    ['sandbox', ['--speed <factor>', '--port <port>', '--kubeconfig <path>']],
    ['lint', ['[dir]']],
  ])('kubedojo %s --help', async (command, flags) => {
    const { stdout, stderr, exitCode } = await kubedojo(home, [command, '--help']);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain(`Usage: kubedojo ${command}`);
    for (const flag of flags) expect(stdout).toContain(flag);
  });
});

describe('bad flags', () => {
  it.each([
    [['--bogus'], "kubedojo: unknown option '--bogus'"],
    [['bogus'], "kubedojo: unknown command 'bogus'"],
    [['--speed', 'fast'], "kubedojo: option '--speed <factor>' argument 'fast' is invalid"],
    [['--allow-remote'], 'kubedojo: --allow-remote needs --context NAME'],
    [['--sandbox', '--context', 'minikube'], 'kubedojo: --sandbox and --context name two different clusters'],
    [['list', '--lesson', 'x'], "kubedojo list: unknown option '--lesson'"],
    [['list', '-o', 'yaml'], 'kubedojo list: --output must be table or json'],
    [['list', '--lessons', '/nonexistent/kubedojo'], 'kubedojo list: --lessons /nonexistent/kubedojo: no such folder'],
    [['start'], "kubedojo start: missing required argument 'lesson'"],
    [['start', '99'], 'kubedojo start: there is no lesson “99”'],
    [['check', '--speed', '0'], "kubedojo check: option '--speed <factor>' argument '0' is invalid"],
    [['check', '--sandbox', '--context', 'x'], 'kubedojo check: --sandbox and --context'],
    [['doctor', '--allow-remote'], 'kubedojo doctor: --allow-remote needs --context NAME'],
    [['reset', 'no-such-lesson', '--yes'], 'kubedojo reset: there is no lesson “no-such-lesson”'],
    [['reset'], 'kubedojo reset: reset asks before it deletes anything; pass --yes'],
    [['env', '--shell', 'tcsh'], 'kubedojo env: --shell must be one of sh, bash, zsh, fish, powershell'],
    [['rehearse', '--timeout', 'soon'], 'kubedojo rehearse: --timeout must be a duration'],
    [['rehearse', '--context', 'minikube', '--speed', '2'], 'kubedojo rehearse: --speed paces the sandbox'],
    [['sandbox', '--port', '70000'], "kubedojo sandbox: option '--port <port>' argument '70000' is invalid"],
  ])('kubedojo %j', async (args, message) => {
    const { stdout, stderr, exitCode } = await kubedojo(home, args);
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('refuses to draw the app without a terminal', async () => {
    const { stderr, exitCode } = await kubedojo(home, ['--sandbox']);
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe('kubedojo: the tutorial needs an interactive terminal (stdin and stdout); `kubedojo list` and `kubedojo check` work without one');
  });

  it('names a context the app will not use before drawing anything', async () => {
    const { stderr, exitCode } = await kubedojo(home, ['start', '2', '--context', 'nowhere']);
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe('kubedojo start: There is no context `nowhere` in your kubeconfig. Your kubeconfig has no contexts.');
  });
});
