/**
 * `kubectl exec -it POD -- sh` on the sandbox (issue #8, item 10): the real kubectl 1.32 over the
 * v5 WebSocket stream, into the simulated node's containers. Without a terminal (`exec -i`, stdin
 * from a pipe) the shell reads lines silently; in a real pseudo-terminal (tmux) it prompts as the
 * image's shell does, echoes, edits the line, keeps a history, stops a command on Ctrl+C, ends on
 * `exit N` (kubectl's "command terminated with exit code N") and on Ctrl+D. (tmux's capture drops
 * trailing spaces: a prompt "# " reads "#".)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PODS } from '../../../src/sandbox/controllers/kinds.js';
import { startPane, type Pane } from '../../e2e/support/tmux.js';
import { KUBECTL, startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
let pane: Pane | undefined;

const runningPods = () => cluster.sandbox.store.list(PODS, { namespace: 'default' }).items.filter((p) => p.status?.containerStatuses?.every((c: { ready?: boolean }) => c.ready));

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.kubectl(['run', 'web', '--image=nginx:1.27']);
  await cluster.kubectl(['run', 'bb', '--image=busybox', '--', 'sleep', '3600']);
  await cluster.kubectl(['run', 'db', '--image=mongo:8.0.4']);
  await cluster.kubectl(['create', 'service', 'clusterip', 'web', '--tcp=80:80']);
  await cluster.kubectl(['label', 'pod', 'web', 'app=web', '--overwrite']);
  await waitForState(cluster.sandbox, () => runningPods().length === 3, 30_000, 'three running Pods');
}, 60_000);

afterAll(async () => {
  await pane?.kill();
  await cluster?.stop();
});

describe('kubectl exec -i POD -- sh (stdin from a pipe)', () => {
  it('runs each line, prints what the commands print, and ends with the last status at end of input', async () => {
    const result = await cluster.kubectl(['exec', '-i', 'bb', '--', 'sh'], { input: 'hostname\necho "$HOSTNAME" two\nnosuch\n' });
    expect(result).toEqual({ stdout: 'bb\nbb two', stderr: 'sh: nosuch: not found\ncommand terminated with exit code 127', exitCode: 127 });
  });

  it('ends at `exit N` with that code, ignoring what follows', async () => {
    const result = await cluster.kubectl(['exec', '-i', 'web', '--', '/bin/sh'], { input: 'nginx -v\nexit 3\necho never\n' });
    expect(result).toEqual({ stdout: '', stderr: 'nginx version: nginx/1.27.3\ncommand terminated with exit code 3', exitCode: 3 });
  });

  it('bash in the mongo image: mongosh --version, ps and not-found read as bash prints them', async () => {
    const result = await cluster.kubectl(['exec', '-i', 'db', '--', 'bash'], { input: 'mongosh --version\nps\napt-get update\n' });
    expect(result.stdout).toBe(['2.3.8', '    PID TTY          TIME CMD', '      7 pts/0    00:00:00 bash', '     13 pts/0    00:00:00 ps'].join('\n'));
    expect(result.stderr).toBe('bash: apt-get: command not found\ncommand terminated with exit code 127');
  });

  it('curl and wget reach a Service by name from inside a Pod', async () => {
    await waitForState(cluster.sandbox, () => (cluster.sandbox.store.peek({ group: '', version: 'v1', plural: 'endpoints', kind: 'Endpoints', namespaced: true } as never, 'default', 'web')?.subsets?.length ?? 0) > 0, 20_000, 'web endpoints');
    const result = await cluster.kubectl(['exec', '-i', 'bb', '--', 'sh'], { input: 'wget -qO- http://web\n' });
    expect(result.stdout).toContain('<h1>Welcome to nginx!</h1>');
    expect(result.exitCode).toBe(0);
  });

  it('a shell the image does not have fails as the runtime says', async () => {
    const result = await cluster.kubectl(['exec', '-i', 'bb', '--', 'bash'], { input: 'hostname\n' });
    expect(result.stderr).toContain('exec: "bash": executable file not found in $PATH');
    expect(result.exitCode).toBe(126);
  });
});

describe('kubectl exec -it POD -- sh in a terminal (tmux)', () => {
  it('prompts, echoes, edits, recalls history, stops a command on Ctrl+C, and ends on exit N and Ctrl+D', async () => {
    pane = await startPane(KUBECTL);
    await pane.waitFor('e2e$');
    const exec = (args: string) => `KUBECONFIG=${cluster.env.KUBECONFIG} KUBECACHEDIR=${cluster.env.KUBECACHEDIR} kubectl exec -it ${args}; echo "RC=$?"`;

    // Given a shell in the nginx container (dash: prompt "# ")
    await pane.send(exec('web -- sh'), 'Enter');
    await pane.waitFor(/^#$/m);

    // When the learner types, fixes a typo with ← and Backspace, and runs it
    await pane.type('cat /etc/hostnme');
    await pane.send('Left', 'Left', 'BSpace');
    await pane.type('na');
    await pane.send('Enter');
    // Then the command ran with the edited line
    await pane.waitFor(/^# cat \/etc\/hostname\nweb\n#$/m);

    // ↑ recalls it; a command the image lacks answers dash's "not found"
    await pane.send('Up');
    await pane.waitFor(/^# cat \/etc\/hostname$/m);
    await pane.send('C-u');
    await pane.type('ps');
    await pane.send('Enter');
    await pane.waitFor('sh: 2: ps: not found');

    // Ctrl+C stops a running command and the prompt comes back
    await pane.type('sleep 600');
    await pane.send('Enter');
    await pane.waitFor(/^# sleep 600$/m);
    await pane.send('C-c');
    await pane.waitFor(/^# sleep 600\n\^C\n#$/m);

    // exit 4: kubectl prints the session's status line and exits 4
    await pane.type('exit 4');
    await pane.send('Enter');
    await pane.waitFor(/command terminated with exit code 4\nRC=4/);

    // bash in the mongo image, then Ctrl+D on an empty line
    await pane.send('clear', 'Enter');
    await pane.send(exec('db -- bash'), 'Enter');
    await pane.waitFor(/^root@db:\/#$/m);
    await pane.type('mongosh --version');
    await pane.send('Enter');
    await pane.waitFor(/^2\.3\.8\nroot@db:\/#$/m);
    await pane.send('C-d');
    const screen = await pane.waitFor('RC=0');
    expect(screen).toMatch(/root@db:\/# exit\nRC=0/);
  }, 60_000);
});
