/**
 * The app's sandbox outlives the app (issue #8, item 13), in the BUILT app in a real terminal:
 * what the learner made is there after quitting and starting again — the same objects with the
 * same uids, seen by the real kubectl of a second terminal through `kubedojo env` — a second
 * terminal's kubectl says plainly that kubedojo is not running while it is not, and `--fresh`
 * starts clean.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { NODE, runAtPrompt as run, useBuiltApp } from './support/built-app.js';
import { type Pane } from './support/tmux.js';


const app = useBuiltApp();

async function launch(pane: Pane, flags = ''): Promise<string> {
  await pane.send('clear', 'Enter');
  await pane.waitFor((s) => !s.includes('EXIT:'));
  await pane.send(`${NODE} ${pane.bin} --sandbox --speed 20 ${flags}; echo "EXIT:$?"`, 'Enter');
  return pane.waitFor((screen) => screen.includes('● connected') && /Sandbox (started|restored) \d\d:\d\d:\d\d at/.test(screen), 30_000);
}

/** The second terminal: kubectl with the KUBECONFIG `kubedojo env` gives. */
async function secondTerminal(pane: Pane, ...args: string[]) {
  const kubeconfig = join(pane.env.XDG_CACHE_HOME!, 'kubedojo', 'app', 'kubeconfig');
  return execa('kubectl', args, { env: { ...pane.env, KUBECONFIG: kubeconfig }, extendEnv: false, reject: false });
}

describe('the sandbox across app runs', () => {
  it('quit and start again: the same objects; while it is not running kubectl says so; --fresh starts clean', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    await launch(pane);

    // Given a Deployment made in the app
    await run(pane, 'kubectl create deployment web --image=nginx');
    await pane.waitFor((s) => /web-\S+ +1\/1 +Running/.test(s), 30_000);
    const before = await secondTerminal(pane, 'get', 'deployment', 'web', '-o', 'jsonpath={.metadata.uid}');
    expect(before.stdout).toMatch(/^[0-9a-f-]{36}$/);

    // When the learner quits
    await pane.send('q');
    await pane.waitFor('EXIT:0', 20_000);
    // Then the state is on disk, private, and the second terminal's kubectl says why it cannot connect
    const state = join(pane.env.XDG_DATA_HOME!, 'kubedojo', 'sandbox', 'state.json');
    expect(statSync(join(pane.env.XDG_DATA_HOME!, 'kubedojo', 'sandbox')).mode & 0o777).toBe(0o700);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    const meanwhile = await secondTerminal(pane, 'get', 'pods');
    expect(meanwhile.stderr).toContain('context was not found for specified context: kubedojo-is-not-running--start-kubedojo-again');
    expect(meanwhile.stderr).not.toContain('localhost:8080');

    // When it starts again
    const again = await launch(pane);
    // Then the banner says the sandbox was restored, and the same KUBECONFIG sees the same Deployment
    expect(again).toMatch(/Sandbox restored \d\d:\d\d:\d\d at https:\/\/127\.0\.0\.1:\d+/);
    // (the lesson's intro card may cover the Pods panel: ask the cluster) its Pod runs again
    const available = await secondTerminal(pane, 'wait', '--for=condition=Available', 'deployment/web', '--timeout=60s');
    expect(available.stdout).toBe('deployment.apps/web condition met');
    const after = await secondTerminal(pane, 'get', 'deployment', 'web', '-o', 'jsonpath={.metadata.uid}');
    expect(after.stdout).toBe(before.stdout);

    // --fresh: a clean cluster
    await pane.send('q');
    await pane.waitFor('EXIT:0', 20_000);
    const fresh = await launch(pane, '--fresh');
    expect(fresh).toMatch(/Sandbox started \d\d:\d\d:\d\d at/);
    const gone = await secondTerminal(pane, 'get', 'deployment', 'web');
    expect(gone.stderr).toContain('NotFound');
    await pane.send('q');
    await pane.waitFor('EXIT:0', 20_000);
    expect(existsSync(join(pane.env.XDG_DATA_HOME!, 'kubedojo', 'sandbox', 'state.lock'))).toBe(false);
  }, 180_000);
});
