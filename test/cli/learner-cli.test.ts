/**
 * The small things a newcomer tripped over (issue #8): `--version`, a package that ships dist/,
 * the copyable `eval "$(… env)"` line, `check` with nothing to check, and the editor kubectl
 * edit opens.
 */
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { selfInvocation, shellWord } from '../../src/cli/self-invocation.js';
import { packageVersion } from '../../src/cli/version.js';
import { cliHome, kubedojo, REPO } from './support/cli.js';

describe('kubedojo --version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const pkg = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const { stdout, exitCode } = await kubedojo(cliHome(), [flag]);
      expect(exitCode).toBe(0);
      expect(stdout.trim()).toBe(pkg.version);
    }
    expect(packageVersion(join(REPO, 'dist'))).toBe(pkg.version);
  });
});

describe('npm pack on a fresh clone', () => {
  it('builds first (prepack), so the tarball holds dist/cli.js', async () => {
    // Given the committed files only (no dist/), as a fresh clone has them
    const clone = mkdtempSync(join(tmpdir(), 'kubedojo-pack-'));
    const files = (await execa('git', ['ls-files', '-z'], { cwd: REPO })).stdout.split('\0').filter(Boolean);
    await execa('tar', ['-cf', join(clone, 'src.tar'), ...files], { cwd: REPO });
    await execa('tar', ['-xf', 'src.tar'], { cwd: clone });
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'));
    // When npm packs it
    const { stdout } = await execa('npm', ['pack', '--dry-run', '--json'], { cwd: clone, env: { npm_config_loglevel: 'silent' } });
    // Then the build ran and its output is in the package
    const [pack] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { files: { path: string }[] }[];
    const paths = pack!.files.map((file) => file.path);
    expect(paths).toContain('dist/cli.js');
    expect(paths.some((path) => path.startsWith('dist/chunks/'))).toBe(true);
    // The course parsed by the build: an installed app's first start does not parse the lessons
    expect(paths).toContain('dist/course.json');
  }, 240_000);
});

describe('the line that points a second terminal at the app', () => {
  it('says npx kubedojo under npx, kubedojo when that is this install on PATH, the absolute paths otherwise', () => {
    expect(selfInvocation({ env: { npm_command: 'exec' }, script: '/x/cli.js', execPath: '/n/node' })).toBe('npx kubedojo');
    expect(selfInvocation({ env: {}, script: '/home/a/.npm/_npx/1f2e/node_modules/kubedojo/dist/cli.js', execPath: '/n/node' })).toBe('npx kubedojo');

    const dir = mkdtempSync(join(tmpdir(), 'kubedojo-self-'));
    const script = join(dir, 'pkg', 'cli.js');
    mkdirSync(join(dir, 'pkg'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(script, '');
    symlinkSync(script, join(dir, 'bin', 'kubedojo'));
    expect(selfInvocation({ env: { PATH: `/nowhere:${join(dir, 'bin')}` }, script, execPath: '/n/node' })).toBe('kubedojo');
    // Another kubedojo on PATH is not this one.
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'kubedojo'), '');
    expect(selfInvocation({ env: { PATH: other }, script, execPath: '/opt/node 24/bin/node' })).toBe(`'/opt/node 24/bin/node' ${script}`);
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
  });
});

describe('kubedojo check with nothing to check', () => {
  it('says plainly that kubedojo is not running and how to start it, instead of checking an empty sandbox', async () => {
    // Given no running app and a kubeconfig with no cluster in it
    const home = cliHome();
    const kubeconfig = join(home.dir, 'empty-kubeconfig');
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
    const { stdout, stderr, exitCode } = await kubedojo({ ...home, env: { ...home.env, KUBECONFIG: kubeconfig } }, ['check']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('kubedojo is not running, and no local cluster answered, so there is no cluster to check.');
    expect(stderr).toMatch(/Start the app \(.+\)/);
    expect(stdout).not.toContain('Not yet');
    expect(stderr).not.toContain('sandbox cluster');
  });
});
