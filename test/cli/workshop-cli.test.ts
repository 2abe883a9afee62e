/**
 * The workshop commands' flags: refused in one line before any cluster is touched; `images`
 * lists the course's images; `sandbox --workshop --address` listens where it is told (loopback
 * only in tests) with a certificate kubectl accepts there, and a node sized for a room.
 */
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliHome, kubedojo, REPO } from './support/cli.js';

describe('workshop command line', () => {
  it.each([
    [['workshop', 'create'], 'kubedojo workshop create: pass --learners N or --names FILE (one of them)'],
    [['workshop', 'create', '--learners', '2', '--names', 'x'], 'kubedojo workshop create: pass --learners N or --names FILE (one of them)'],
    [['workshop', 'create', '--learners', '2', '--expires', '1m'], 'kubedojo workshop create: --expires is at least 10m (the TokenRequest API’s minimum)'],
    [['workshop', 'status', '--workshop', 'Big Room'], 'kubedojo workshop status: --workshop is lowercase letters, digits and dashes (at most 40)'],
    [['workshop', 'pace'], 'kubedojo workshop pace: pass --up-to LESSON or --open-all (one of them)'],
    [['workshop', 'delete', '--allow-remote'], 'kubedojo workshop delete: --allow-remote needs --context NAME, naming the one cluster you allow'],
    [['board', '--json'], 'kubedojo board: --json prints one look at the room: use it with --once'],
    [['board', '--sort', 'age'], 'kubedojo board: --sort is one of name, progress, stuck, activity'],
    [['sandbox', '--address', '127.0.0.1'], 'kubedojo sandbox: --address is for a workshop room: kubedojo sandbox --workshop --address ADDR'],
    [['sandbox', '--workshop', '--address', '0.0.0.0'], 'kubedojo sandbox: --address 0.0.0.0: name the one address of this machine the room reaches (e.g. 192.168.1.20); learners\' kubeconfigs will point there'],
  ])('%j is one line and exit 1', async (args, message) => {
    const { stderr, exitCode, stdout } = await kubedojo(cliHome(), args);
    expect({ stderr: stderr.trim(), exitCode, stdout }).toEqual({ stderr: message, exitCode: 1, stdout: '' });
  });

  it('workshop create --names says which line is wrong', async () => {
    const home = cliHome();
    const file = join(home.dir, 'names.txt');
    await execa('sh', ['-c', `printf 'ana\\nBen Smith\\n# a comment\\nana\\n' > ${file}`]);
    const { stderr, exitCode } = await kubedojo(home, ['workshop', 'create', '--names', file]);
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`${file}:2: “Ben Smith” must be lowercase letters, digits and dashes`);
    expect(stderr).toContain(`${file}:4: “ana” is listed twice`);
  });

  it('kubedojo images lists what the course pulls and leaves out the tag that does not exist on purpose', async () => {
    const { stdout, stderr, exitCode } = await kubedojo(cliHome(), ['images']);
    expect(exitCode).toBe(0);
    expect(stdout.split('\n')).toEqual(expect.arrayContaining(['nginx:1.27', 'nginx:1.27.3', 'busybox:1.37']));
    expect(stdout).not.toContain('nginx:1.277');
    expect(stderr).toContain('nginx:1.277 in a-bad-release');
  });

  it('the board without a local cluster says how to get one', async () => {
    const { stderr, exitCode } = await kubedojo(cliHome(), ['board', '--once']);
    expect(exitCode).toBe(1);
    expect(stderr).toContain('run `kubedojo sandbox --workshop` and export the KUBECONFIG it prints');
  });

  it('sandbox --workshop --address serves there, with a certificate kubectl accepts', async () => {
    const home = cliHome();
    const kubeconfig = join(home.dir, 'admin.yaml');
    const child = execa(process.execPath, ['--import', 'tsx', join(REPO, 'src/cli/main.ts'), 'sandbox', '--workshop', '--address', '127.0.0.2', '--kubeconfig', kubeconfig], { cwd: REPO, env: home.env, extendEnv: false, reject: false });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!out.includes('Press Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/running at https:\/\/127\.0\.0\.2:\d+/);
      expect(out).toContain('Workshop: with that KUBECONFIG, run `kubedojo workshop create --learners N`');
      // 127.0.0.2 is loopback: no warning.
      expect(out).not.toContain('WARNING');
      const nodes = await execa('/usr/bin/kubectl', ['get', 'nodes', '-o', 'name'], { env: { ...home.env, KUBECONFIG: kubeconfig }, extendEnv: false, reject: false });
      expect({ stdout: nodes.stdout, stderr: nodes.stderr }).toEqual({ stdout: 'node/minikube', stderr: '' });
      // A room's Pods fit: the node is sized for a room, not minikube's 2 CPU (docs/decisions.md).
      const size = await execa('/usr/bin/kubectl', ['get', 'node', 'minikube', '-o', 'jsonpath={.status.allocatable.cpu} {.status.allocatable.memory} {.status.capacity.cpu}'], { env: { ...home.env, KUBECONFIG: kubeconfig }, extendEnv: false });
      expect(size.stdout).toBe('64 128Gi 64');
    } finally {
      child.kill('SIGTERM');
      await child;
    }
  });
});
