/**
 * The container on a real session, the real sandbox (speed 50) and the real kubectl, drawn by
 * Ink into ink-testing-library's fake terminal: the first frame before the session, the step
 * passing on screen after Enter, and the terminal hand-off of an interactive command.
 */
import '../ui/support/env.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoot, CONNECTING_MESSAGE, createAppContainer } from '../../src/app/index.js';
import { emptyProgress } from '../../src/engine/progress/index.js';
import { toTutorialData } from '../../src/engine/session/index.js';
import type { RunResult } from '../../src/engine/commands/index.js';
import { renderUi, type RenderedUi } from '../ui/support/render.js';
import { COURSE, kubectlHome, makeSession, testRunner, type TestSession } from '../engine/session/support.js';

const env = kubectlHome();
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Mounted {
  ui: RenderedUi;
  container: ReturnType<typeof createAppContainer>;
  quit: ReturnType<typeof vi.fn>;
}

async function mount(runInteractive?: (argv: readonly string[]) => Promise<RunResult>): Promise<Mounted> {
  const quit = vi.fn();
  const runner = testRunner();
  const container = createAppContainer({
    course: COURSE,
    progress: emptyProgress(),
    namespace: 'kubedojo',
    registry: { holdInterrupts: (task) => task() },
    runner: { runInteractive: runInteractive ?? runner.runInteractive },
    quit,
  });
  const ui = await renderUi(<AppRoot state={container.state} intents={container.intents} viewStore={container.viewStore} onSuspendReady={container.setSuspend} />);
  cleanups.push(() => ui.unmount());
  return { ui, container, quit };
}

async function connect(container: Mounted['container']): Promise<TestSession> {
  const test = makeSession(env, { runInteractive: container.runInteractive });
  cleanups.push(() => test.session.close());
  cleanups.push(container.attach(test.session, toTutorialData));
  await test.session.connect({ flags: { sandbox: true, speed: 50 } });
  return test;
}

describe('the app on the sandbox', () => {
  it('draws the course and "connecting" before the session exists', async () => {
    const { ui } = await mount();
    const frame = await ui.waitFor(CONNECTING_MESSAGE);
    expect(frame).toContain('Your cluster');
    expect(frame).toContain('Edit the blueprint');
    expect(frame).toContain('connecting');
  });

  it('runs the suggested command on Enter, streams its output and shows the step passed', async () => {
    const { ui, container, quit } = await mount();
    await connect(container);
    await ui.waitFor((frame) => frame.includes('kubedojo-sandbox') && frame.includes('connected') && frame.includes('Start the cluster'), { timeout: 20_000 });

    // A typed `minikube start` is refused on the sandbox, with the reason
    ui.press(':');
    ui.type('minikube start');
    await ui.waitFor('❯ minikube start');
    ui.press('enter');
    await ui.waitFor('no minikube here', { timeout: 10_000 });

    // and the suggestion Enter runs there is the step's kubectl solution, which passes the step
    await ui.waitFor('❯ kubectl cluster-info   (Enter runs it');
    ui.press('enter');
    const passed = await ui.waitFor((frame) => frame.includes('step passed') && frame.includes('exit 0'), { timeout: 20_000 });
    expect(passed).toContain('Kubernetes control plane is running at https://127.0.0.1:');
    expect(passed).toContain('✔ ran minikube start or kubectl cluster-info');

    ui.press('n');
    await ui.waitFor('List the nodes', { timeout: 10_000 }).catch(() => ui.waitFor('step 2/6'));

    ui.press('q');
    expect(quit).toHaveBeenCalledOnce();
  });

  it('hands the terminal to `kubectl edit` with the keyboard off, and takes it back', async () => {
    let keyboardDuringChild: boolean | undefined;
    let release!: () => void;
    const child = vi.fn(async (): Promise<RunResult> => {
      keyboardDuringChild = mounted.container.state.get().keyboard;
      await new Promise<void>((resolve) => (release = resolve));
      return { exitCode: 0, signal: undefined, aborted: false, startError: undefined };
    });
    const mounted = await mount(child);
    const { ui, container } = mounted;
    await connect(container);
    await ui.waitFor('connected', { timeout: 20_000 });

    ui.press(':');
    ui.type('kubectl edit deployment nginx-depl');
    await ui.waitFor('❯ kubectl edit deployment nginx-depl');
    ui.press('enter');
    await vi.waitFor(() => expect(child).toHaveBeenCalledOnce(), { timeout: 10_000 });
    // (the third argument streams what the command prints around the editor, e.g. "edited", into the app)
    expect(child.mock.calls[0]).toEqual([
      ['kubectl', 'edit', 'deployment', 'nginx-depl'],
      expect.objectContaining({ KUBECONFIG: expect.any(String) }),
      { onLine: expect.any(Function) },
    ]);
    expect(keyboardDuringChild).toBe(false);

    release();
    const frame = await ui.waitFor('exit 0', { timeout: 10_000 });
    expect(frame).toContain('$ kubectl edit deployment nginx-depl');
    expect(container.state.get().keyboard).toBe(true);
  });
});
