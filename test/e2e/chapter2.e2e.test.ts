/**
 * A chapter-2 lesson through the BUILT app in a real terminal (tmux), the way a learner does it:
 * `kubedojo start manifests`, every command TYPED at the prompt, the workspace file edited in
 * $EDITOR through the app's `edit`, quizzes answered with digits. Then lesson 8's address:
 * `minikube service … --url` answered by the app on the sandbox, and its in-app `curl`.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE, useBuiltApp, runAtPrompt as type } from './support/built-app.js';
import { type Pane } from './support/tmux.js';


const app = useBuiltApp();

async function startLesson(lesson: string, firstStep: string): Promise<Pane> {
  const pane = await app.pane();
  // The learner's editor: turns `replicas: 1` into `replicas: 2` in the file it is given.
  writeFileSync(pane.env.EDITOR!, `#!/bin/sh\nsed -i 's/replicas: 1$/replicas: 2/' "$1"\n`);
  chmodSync(pane.env.EDITOR!, 0o755);
  await pane.waitFor('e2e$');
  await pane.send(`${NODE} ${pane.bin} start ${lesson} --sandbox --speed 20; echo "EXIT:$?"`, 'Enter');
  await pane.waitFor((screen) => screen.includes('● connected') && screen.includes(firstStep), 60_000);
  return pane;
}

/** Leaves the prompt; waits for it, since Esc and the next key in one read would be Alt+key. */
async function leavePrompt(pane: Pane): Promise<void> {
  if (!(await pane.screen()).includes('Esc leave prompt')) return;
  await pane.send('Escape');
  await pane.waitFor((s) => !s.includes('Esc leave prompt'));
}

async function passAndNext(pane: Pane, next: string, timeoutMs = 60_000): Promise<void> {
  await pane.waitFor('step passed', timeoutMs);
  await leavePrompt(pane);
  await pane.send('n');
  await pane.waitFor(next);
}

describe('chapter 2 in a terminal', () => {
  it('manifests: apply a workspace file, read it back, edit it and apply again, create -f fails, delete -f', async () => {
    const pane = await startLesson('manifests', 'Apply the file · step 1/6');
    const workspace = join(pane.env.XDG_DATA_HOME!, 'kubedojo', 'workspace', 'manifests');
    // The notice names the folder; the files are there, as shipped.
    await pane.waitFor((s) => s.replaceAll('\n', '').includes('Your files for this lesson (storefront.yaml, nginx-depl.yaml)'));
    expect(readFileSync(join(workspace, 'storefront.yaml'), 'utf8')).toContain('replicas: 1');

    await type(pane, 'kubectl apply -f storefront.yaml');
    await pane.waitFor('deployment.apps/storefront created', 30_000);
    await passAndNext(pane, 'Read back what the cluster stored · step 2/6');

    await type(pane, 'kubectl get deployment storefront -o yaml');
    await pane.waitFor('readyReplicas: 1');
    await passAndNext(pane, 'Who writes what · step 3/6');

    // The right answer is the second choice.
    await pane.send('2');
    await passAndNext(pane, 'Change the file, apply again · step 4/6');

    await type(pane, 'edit storefront.yaml');
    await pane.waitFor('$ edit storefront.yaml · exit 0', 30_000);
    expect(readFileSync(join(workspace, 'storefront.yaml'), 'utf8')).toContain('replicas: 2');
    await type(pane, 'kubectl apply -f storefront.yaml');
    await pane.waitFor('deployment.apps/storefront configured', 30_000);
    await passAndNext(pane, 'create -f and apply -f · step 5/6');

    await type(pane, 'kubectl create -f storefront.yaml');
    await pane.waitFor('Error from server (AlreadyExists)', 30_000);
    await leavePrompt(pane);
    await pane.send('3');
    await passAndNext(pane, 'Retire the old storefront with delete -f · step 6/6');

    await type(pane, 'kubectl delete -f nginx-depl.yaml');
    await pane.waitFor('deployment.apps "nginx-depl" deleted', 30_000);
    await pane.waitFor('step passed', 60_000);

    await leavePrompt(pane);
    await pane.send('q');
    await pane.waitFor('EXIT:0', 20_000);
    const progress = JSON.parse(readFileSync(join(pane.env.XDG_CONFIG_HOME!, 'kubedojo', 'progress.json'), 'utf8'));
    expect(progress.lessons.manifests.doneSteps).toEqual(['apply', 'read-yaml', 'parts-quiz', 'apply-again', 'create-vs-apply', 'delete-f']);
  }, 240_000);

  it('reach-the-shop: a NodePort, the sandbox answers minikube service --url, curl fetches the page', async () => {
    const pane = await startLesson('reach-the-shop', 'A NodePort Service · step 1/6');
    await type(pane, 'kubectl expose deployment storefront --name=storefront-web --type=NodePort --port=80');
    await passAndNext(pane, 'Its address · step 2/6');

    await type(pane, 'minikube service storefront-web -n kubedojo --url');
    const screen = await pane.waitFor(/http:\/\/127\.0\.0\.1:3\d{4}\n/, 30_000);
    const url = /http:\/\/127\.0\.0\.1:3\d{4}/.exec(screen)![0];
    await pane.waitFor('step passed');
    await type(pane, `curl ${url}`);
    const page = await pane.waitFor('Welcome to nginx!', 30_000);
    expect(page).toContain(`$ curl ${url} · exit 0`);
    // curl does not count as the step's last command: its check still passes.
    expect(page).toContain('Checks · 1/1');
    // Only local addresses: anything else is refused, and nothing is fetched.
    await type(pane, 'curl http://example.com/');
    await pane.waitFor("kubedojo's curl only reaches your own machine");
    await leavePrompt(pane);
    await pane.send('q');
    await pane.waitFor('EXIT:0', 20_000);
  }, 240_000);
});
