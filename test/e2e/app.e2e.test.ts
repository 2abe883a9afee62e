/**
 * The BUILT CLI in a real pseudo-terminal (tmux): a learner's session from start to quit, and
 * every way out — q, Ctrl+C, SIGTERM, a closed terminal — leaves the terminal as it was (primary
 * screen, cooked mode) and no process of ours running (found by the unique temp folder in their
 * environment and command line).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/support/cli.js';
import { CLI, NODE, useBuiltApp, runAtPrompt as run } from './support/built-app.js';
import { isAlive, processesOf, writeEditor, type Pane } from './support/tmux.js';


const app = useBuiltApp();

async function startApp(): Promise<Pane> {
  const pane = await app.pane();
  writeEditor(pane);
  await pane.waitFor('e2e$');
  await pane.send(`${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((screen) => screen.includes('● connected') && screen.includes('Start the cluster'), 30_000);
  return pane;
}

/** The app's node process and its children (kubectl …): every live process with our folder in its environment. */
async function ours(pane: Pane): Promise<{ pid: number; command: string }[]> {
  return processesOf(pane.dir, await pane.ownPids());
}

/**
 * Ours once `command`'s own process is among them: the header says "running" as soon as the
 * command is sent, a moment before its process exists (the first command also loads execa).
 */
async function oursRunning(pane: Pane, command: string): Promise<{ pid: number; command: string }[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = await ours(pane);
    if (found.some((p) => p.command.includes(command)) || Date.now() > deadline) return found;
    await delay(50);
  }
}

async function expectRestored(pane: Pane, code: number): Promise<void> {
  const screen = await pane.waitFor(`EXIT:${code}`, 20_000);
  // The shell's own screen is back (the app drew in the alternate screen) ...
  expect(await pane.display('#{alternate_on}')).toBe('0');
  expect(screen).toContain('e2e$ ');
  // (the command line wraps at 100 columns)
  expect(screen.replaceAll('\n', '')).toContain(`${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`);
  // ... and the terminal is in cooked mode with echo, not raw.
  await pane.send('stty -a', 'Enter');
  const stty = await pane.waitFor(/\bicanon\b/);
  expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
  expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
  expect(stty).not.toMatch(/-icanon|-echo\s/);
}

async function expectNothingLeft(pane: Pane, children: { pid: number }[]): Promise<void> {
  expect(await ours(pane)).toEqual([]);
  for (const child of children) expect(isAlive(child.pid)).toBe(false);
  expect(existsSync(join(pane.env.XDG_CACHE_HOME!, 'kubedojo', 'app', 'app.json'))).toBe(false);
}

describe('kubedojo in a terminal', () => {
  it('lesson 2 from the list, Enter passes the step, kubectl edit gets the terminal, q quits cleanly', async () => {
    const pane = await startApp();
    // The notice wraps; its copyable line names this install (here: node and the script's path).
    await pane.waitFor((s) =>
      /Sandbox started \d\d:\d\d:\d\d at https:\/\/127\.0\.0\.1:\d+ · other terminal: eval "\$\(\S+ \S+\/bin\/kubedojo env\)"/.test(s.replace(/\n\s*/g, ' ')),
    );

    // Given lesson 2, chosen in the lesson list
    await pane.send('l');
    await pane.waitFor('Enter opens "Your cluster"');
    await pane.send('2');
    await pane.waitFor('Enter opens "Your first Deployment"');
    await pane.send('Enter');
    await pane.waitFor((s) => s.includes('Create the Deployment · step 1/5') && s.includes('❯ kubectl create deployment nginx-depl --image=nginx'), 30_000);

    // When Enter runs the suggested command
    await pane.send('Enter');

    // Then the checks pass on screen and the next step unlocks
    const passed = await pane.waitFor((s) => s.includes('step passed') && s.includes('deployment.apps/nginx-depl created'), 60_000);
    expect(passed).toContain('Checks · 3/3');
    expect(passed).toContain('✔ 1 Pod of nginx-depl ready');
    await pane.send('n');
    await pane.waitFor('The Deployment · step 2/5');

    // kubectl edit gets the real terminal (the editor sets the image), then the app redraws
    await run(pane, 'kubectl edit deployment nginx-depl');
    await pane.waitFor((s) => s.includes('$ kubectl edit deployment nginx-depl · exit 0') && s.includes('● connected'), 30_000);
    // A second terminal, pointed at the app's cluster by `kubedojo env`, sees the edit
    const envLine = (await execa(NODE, [pane.bin, 'env'], { env: pane.env, extendEnv: false })).stdout.split('\n')[0]!;
    expect(envLine).toBe(`export KUBECONFIG=${join(pane.env.XDG_CACHE_HOME!, 'kubedojo', 'app', 'kubeconfig')}`);
    const image = await execa('kubectl', ['get', 'deployment', 'nginx-depl', '-o', 'jsonpath={.spec.template.spec.containers[0].image}'], {
      env: { ...pane.env, KUBECONFIG: envLine.replace('export KUBECONFIG=', '') },
      extendEnv: false,
    });
    expect(image.stdout).toBe('nginx:1.25');

    // A streaming child runs when the learner quits
    await run(pane, 'kubectl get pods -w');
    await pane.waitFor((s) => s.includes('$ kubectl get pods -w · running') && /nginx-depl-\S+ +1\/1 +Running/.test(s), 30_000);
    const running = await oursRunning(pane, 'kubectl get pods -w');
    expect(running.map((p) => p.command)).toEqual(expect.arrayContaining([expect.stringContaining(pane.bin), expect.stringMatching(/kubectl get pods -w/)]));

    // When q
    await pane.send('q');

    // Then exit 0, the terminal restored, nothing left running, progress saved
    await expectRestored(pane, 0);
    await expectNothingLeft(pane, running);
    const progress = JSON.parse(readFileSync(join(pane.env.XDG_CONFIG_HOME!, 'kubedojo', 'progress.json'), 'utf8'));
    expect(progress.current).toEqual({ lessonId: 'first-deployment', stepId: 'get-deployment' });
    expect(progress.lessons['first-deployment'].doneSteps).toContain('create');
  });

  it('Ctrl+C stops the running command, goes to an interactive child only, and quits when nothing runs', async () => {
    const pane = await startApp();

    // Ctrl+C while `get -w` runs stops only that command
    await run(pane, 'kubectl get pods -w');
    await pane.waitFor('$ kubectl get pods -w · running');
    await pane.send('C-c');
    await pane.waitFor('$ kubectl get pods -w · stopped');
    expect(await pane.screen()).toContain('● connected');

    // Ctrl+C while `kubectl edit` owns the terminal ends the editor, not the app
    await run(pane, 'kubectl create deployment nginx-depl --image=nginx');
    await pane.waitFor('deployment.apps/nginx-depl created');
    writeFileSync(join(pane.dir, 'editor-hangs'), '');
    await run(pane, 'kubectl edit deployment nginx-depl');
    await pane.waitFor('editor waiting');
    expect(await pane.display('#{alternate_on}')).toBe('0');
    await pane.send('C-c');
    const back = await pane.waitFor((s) => s.includes('$ kubectl edit deployment nginx-depl ·') && s.includes('● connected'), 20_000);
    expect(back).not.toContain('EXIT:');
    expect(await pane.display('#{alternate_on}')).toBe('1');

    // Ctrl+C with nothing running quits
    const before = await ours(pane);
    await pane.send('C-c');
    await expectRestored(pane, 0);
    await expectNothingLeft(pane, before);
  });

  it('SIGTERM ends the app through the same exit path (exit 143), children included', async () => {
    const pane = await startApp();
    await run(pane, 'kubectl get pods -w');
    await pane.waitFor('$ kubectl get pods -w · running');
    const running = await oursRunning(pane, 'kubectl get pods -w');
    const app = running.find((p) => p.command.includes(pane.bin));
    expect(app).toBeDefined();
    expect(running.length).toBeGreaterThan(1);

    process.kill(app!.pid, 'SIGTERM');

    await expectRestored(pane, 143);
    await expectNothingLeft(pane, running);
  });

  it('a crash restores the terminal first, then reports itself; exit 1', async () => {
    const pane = await app.pane();
    await pane.waitFor('e2e$');
    await pane.send(`cd ${REPO} && ${NODE} --import tsx test/e2e/fixtures/crash-after-connect.ts; echo "EXIT:$?"`, 'Enter');
    // (tsx compiles the app from its sources first: on a loaded machine that alone takes tens of seconds)
    const screen = await pane.waitFor('EXIT:1', 90_000);
    expect(screen).toContain('kubedojo crashed: Error: boom (a bug in kubedojo)');
    expect(await pane.display('#{alternate_on}')).toBe('0');
    await pane.send('stty -a', 'Enter');
    expect(await pane.waitFor(/\bicanon\b/)).not.toMatch(/-icanon|-echo\s/);
    expect(await ours(pane)).toEqual([]);
  }, 150_000);

  it('a closed terminal (SIGHUP) leaves nothing running', async () => {
    const pane = await startApp();
    await run(pane, 'kubectl get pods -w');
    await pane.waitFor('$ kubectl get pods -w · running');
    const running = await oursRunning(pane, 'kubectl get pods -w');
    await pane.kill();
    const deadline = Date.now() + 15_000;
    while (running.some((p) => isAlive(p.pid)) && Date.now() < deadline) await delay(50);
    for (const child of running) expect(isAlive(child.pid)).toBe(false);
  });
});
