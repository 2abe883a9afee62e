/**
 * Commands that take the terminal, in the BUILT app in a real pseudo-terminal (tmux), issue #8:
 * - item 8: what kubectl prints during `kubectl edit` (success and a refused edit) and `kubectl
 *   exec -it` (its own errors and the session's status line) reaches the Output pane;
 * - item 9: while the editor has the terminal the app reads nothing: twenty edits in the real vi,
 *   with searching and typing inside it, leave the app's prompt and screen untouched;
 * - item 10: `kubectl exec -it POD -- sh` from the app opens the sandbox's shell on the terminal.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { NODE, runAtPrompt as run, useBuiltApp } from './support/built-app.js';
import { type Pane } from './support/tmux.js';


const app = useBuiltApp({ beforeKill: (pane) => pane.send('C-c') });

/** The app on a fresh sandbox, with the EDITOR `editor` gives for the pane (a path, or `vi`). */
async function startApp(editor?: (pane: Pane) => string): Promise<Pane> {
  const pane = await app.pane();
  await pane.waitFor('e2e$');
  const env = editor === undefined ? '' : `EDITOR=${editor(pane)} `;
  await pane.send(`${env}${NODE} ${pane.bin} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((screen) => screen.includes('● connected') && screen.includes('Start the cluster'), 30_000);
  return pane;
}

/** The Output pane: its title line and what follows, down to the prompt. */
function outputPane(screen: string): string {
  const lines = screen.split('\n');
  const start = lines.findIndex((line) => line.startsWith('─ $ ') || line.startsWith('─ Output'));
  const end = lines.findIndex((line, i) => i > start && line.startsWith('❯'));
  return lines.slice(start, end).join('\n');
}

const promptLine = (screen: string) => screen.split('\n').find((line) => line.startsWith('❯')) ?? '';

/** An editor script for `kubectl edit`: what it does is chosen by `<dir>/edit` (a sed expression). */
function scriptedEditor(pane: Pane): string {
  const path = join(pane.dir, 'bin', 'sed-editor');
  writeFileSync(path, `#!/bin/sh\nsed -i "$(cat '${pane.dir}/edit')" "$1"\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('commands that take the terminal', () => {
  it("kubectl edit: kubectl's output reaches the Output pane, after a good edit and a refused one", async () => {
    const app = await startApp(scriptedEditor);
    await run(app, 'kubectl create deployment web --image=nginx');
    await app.waitFor('deployment.apps/web created');

    // Given an editor that sets a new image, when the learner runs kubectl edit
    writeFileSync(join(app.dir, 'edit'), 's/image: nginx$/image: nginx:1.25/');
    await run(app, 'kubectl edit deployment web');
    // Then kubectl's own line is in the Output pane, under the command's exit status
    const edited = await app.waitFor((s) => s.includes('$ kubectl edit deployment web · exit 0') && s.includes('● connected'), 30_000);
    expect(outputPane(edited)).toContain('deployment.apps/web edited');

    // Given an edit the API refuses (a string where a number belongs)
    writeFileSync(join(app.dir, 'edit'), 's/replicas: 1$/replicas: one/');
    await run(app, 'kubectl edit deployment web');
    // Then kubectl's error is in the Output pane, not lost on the terminal behind the app
    const refused = await app.waitFor((s) => s.includes('$ kubectl edit deployment web · exit 1') && s.includes('● connected'), 30_000);
    const output = outputPane(refused);
    expect(output).toContain('error: deployments.apps "web" could not be patched');
    expect(output).toContain('You can run `kubectl replace -f');
    const image = await execa('kubectl', ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.spec.replicas}'], {
      env: { ...app.env, KUBECONFIG: join(app.env.XDG_CACHE_HOME!, 'kubedojo', 'app', 'kubeconfig') },
      extendEnv: false,
    });
    expect(image.stdout).toBe('nginx:1.25 1');
  }, 120_000);

  it('twenty edits in the real vi, typing inside it: nothing reaches the app meanwhile', async () => {
    const pane = await startApp(() => 'vi');
    await run(pane, 'kubectl create deployment web --image=nginx');
    await pane.waitFor('deployment.apps/web created');
    const before = promptLine(await pane.screen());

    for (let i = 1; i <= 20; i++) {
      await run(pane, 'kubectl edit deployment web');
      await pane.waitFor('# Please edit the object below', 20_000);
      // Typing inside vi: a substitution first (a key the app took would cancel the edit), then
      // the search from the issue and cursor moves (a key the app took would show in its prompt).
      await pane.type(`:%s/progressDeadlineSeconds: [0-9]*/progressDeadlineSeconds: ${600 + i}/`);
      await pane.send('Enter');
      await pane.type('/image: nginx');
      await pane.send('Enter');
      await pane.type('jjkk');
      await pane.type(':wq');
      await pane.send('Enter');
      const back = await pane.waitFor((s) => s.includes('$ kubectl edit deployment web · exit 0') && s.includes('● connected') && s.includes(`Checks`), 30_000);
      expect(outputPane(back), `edit ${i}`).toContain('deployment.apps/web edited');
      // Nothing typed in vi landed in the app: the prompt is as it was, no view opened by a stray key.
      expect(promptLine(back), `edit ${i}`).toBe(before);
      expect(back, `edit ${i}`).not.toMatch(/image: nginx|progressDeadline|jjkk|:wq/);
    }
    const deadline = await execa('kubectl', ['get', 'deployment', 'web', '-o', 'jsonpath={.spec.progressDeadlineSeconds}'], {
      env: { ...pane.env, KUBECONFIG: join(pane.env.XDG_CACHE_HOME!, 'kubedojo', 'app', 'kubeconfig') },
      extendEnv: false,
    });
    expect(deadline.stdout).toBe('620');

    // And the app still answers its keys: q quits.
    await pane.send('q');
    await pane.waitFor('EXIT:0', 20_000);
  }, 300_000);

  it("kubectl exec -it POD -- sh: the sandbox's shell gets the terminal; kubectl's status line reaches the Output pane", async () => {
    const pane = await startApp();
    await run(pane, 'kubectl create deployment web --image=nginx');
    await pane.waitFor((s) => /web-\S+ +1\/1 +Running/.test(s), 30_000);

    for (const [shell, code] of [['sh', 3], ['/bin/sh', 0]] as const) {
      await run(pane, `kubectl exec -it deploy/web -- ${shell}`);
      // The shell's prompt, on the terminal the app handed over
      await pane.waitFor(/^#$/m, 20_000);
      expect(await pane.display('#{alternate_on}')).toBe('0');
      await pane.type('hostname');
      await pane.send('Enter');
      await pane.waitFor(/^web-\S+$/m);
      await pane.type(`exit ${code}`);
      await pane.send('Enter');
      const back = await pane.waitFor((s) => s.includes(`$ kubectl exec -it deploy/web -- ${shell} · exit ${code}`) && s.includes('● connected'), 20_000);
      if (code !== 0) expect(outputPane(back)).toContain(`command terminated with exit code ${code}`);
      expect(promptLine(back)).not.toMatch(/hostname|exit/);
    }

    // kubectl's own error when there is nothing to exec into reaches the pane too.
    await run(pane, 'kubectl exec -it nothere -- sh');
    const missing = await pane.waitFor((s) => s.includes('$ kubectl exec -it nothere -- sh · exit 1') && s.includes('● connected'), 20_000);
    expect(outputPane(missing)).toContain('pods "nothere" not found');
  }, 120_000);
});
