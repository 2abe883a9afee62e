import { afterEach, describe, expect, it } from 'vitest';
import { data, passingChecks, step } from './support/fixtures.js';
import { renderScreen, type ScreenHarness } from './support/screen.js';

let screen: ScreenHarness | undefined;
afterEach(() => screen?.ui.unmount());

describe('keys on the tutorial screen', () => {
  it('h reveals the hints one at a time', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    expect(ui.frame()).not.toContain('Hint 1/2');
    ui.press('h');
    let frame = await ui.waitFor('Hint 1/2');
    expect(frame).toContain('Look at kubectl scale --help.');
    expect(frame).not.toContain('Hint 2/2');
    expect(intents.revealHint.mock.calls).toEqual([[0]]);
    ui.press('h');
    frame = await ui.waitFor('Hint 2/2');
    expect(frame).toContain('The flag is --replicas.');
    expect(intents.revealHint.mock.calls).toEqual([[0], [1]]);
  });

  it('s asks before showing the solution', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press('s');
    const asking = await ui.waitFor('Show the solution?');
    expect(asking).not.toContain('Solution\n');
    expect(intents.showSolution).not.toHaveBeenCalled();
    ui.press('y');
    const shown = await ui.waitFor((f) => f.includes('Solution') && !f.includes('Show the solution?'));
    expect(shown).toContain('Run kubectl scale deployment nginx-depl --replicas=2.');
    expect(intents.showSolution).toHaveBeenCalledTimes(1);
  });

  it('r asks before the reset and calls the intent only on yes', async () => {
    screen = await renderScreen(data({ checks: passingChecks }));
    const { ui, intents } = screen;
    ui.press('r');
    await ui.waitFor('Reset this lesson?');
    ui.press('n'); // "no" — not "next step", the dialog has the keys
    await ui.waitFor((f) => !f.includes('Reset this lesson?'));
    expect(intents.resetLesson).not.toHaveBeenCalled();
    expect(intents.nextStep).not.toHaveBeenCalled();
    ui.press('r');
    await ui.waitFor('Reset this lesson?');
    ui.press('y');
    await ui.waitFor((f) => !f.includes('Reset this lesson?'));
    expect(intents.resetLesson).toHaveBeenCalledTimes(1);
  });

  it('n moves on only once the step is unlocked; before, it offers to skip', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press('n');
    await ui.waitFor('Not yet: 1 check still failing');
    expect(intents.nextStep).not.toHaveBeenCalled();
    // The skip question starts on "No": Esc leaves the step as it was.
    await ui.waitFor('Skip this step?');
    ui.press('esc');
    await ui.waitFor((f) => !f.includes('Skip this step?'));
    expect(intents.skipStep).not.toHaveBeenCalled();
    screen.update(data({ checks: passingChecks }));
    await ui.waitFor('step passed — press n');
    ui.press('n');
    await ui.waitFor(() => intents.nextStep.mock.calls.length === 1);
  });

  it('at 80×24, under a quiz and its verdict, the skip question keeps its title, its whole text and its answers', async () => {
    const quiz = { question: 'Which component chooses the node a new Pod runs on?', choices: ['the kubelet', 'the scheduler', 'etcd', 'kube-proxy'], answer: { choice: 0, correct: false, explanation: 'The kubelet runs on every node and starts the containers of Pods already assigned to its node. It does not decide where a Pod goes.' } };
    screen = await renderScreen(data({ step: { ...step, suggestedCommand: undefined, quiz } }));
    const { ui } = screen;
    ui.resize(80, 24);
    await ui.waitFor('Not quite');
    ui.press('n');
    const asking = await ui.waitFor('Yes (y)');
    expect(asking).toContain('Skip this step?');
    // (wrapped without the space it broke at leading the next line)
    expect(asking).toContain('│ counts as skipped, not done; come back to it from the lesson list.');
    // Narrower, the text needs a third row the box does not have: it gives up a row, the question and the answers stay.
    ui.resize(60, 20);
    const narrow = await ui.waitFor((f) => f.includes('Yes (y)') && !f.includes('list.'));
    expect(narrow).toContain('Skip this step?');
  });

  it('q quits, ? opens the help generated from the key table', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press('?');
    const help = await ui.waitFor('Keys');
    expect(help).toContain('Ctrl+C');
    expect(help).toMatch(/h\s+reveal the next hint/);
    expect(help).toContain('Esc close');
    ui.press('q'); // the help overlay has the keys: q does not quit here
    ui.press('esc');
    await ui.waitFor((f) => !f.includes('Keys  ('));
    expect(intents.quit).not.toHaveBeenCalled();
    ui.press('q');
    await ui.waitFor(() => intents.quit.mock.calls.length === 1);
  });

  it('typing hello into the prompt does not trigger h, l or q', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press(':');
    await ui.waitFor('Esc leave prompt');
    ui.type('hello');
    const frame = await ui.waitFor('❯ hello');
    expect(frame).not.toContain('Hint 1/2');
    expect(frame).not.toContain('Lessons');
    expect(intents.quit).not.toHaveBeenCalled();
    expect(intents.revealHint).not.toHaveBeenCalled();
  });

  it('typing kubectl from the lesson goes straight into the prompt; Enter runs the prompt text', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.type('kubectl get pods');
    await ui.waitFor('❯ kubectl get pods');
    ui.press('enter');
    await ui.waitFor(() => intents.runCommand.mock.calls.length === 1);
    expect(intents.runCommand).toHaveBeenCalledWith('kubectl get pods');
    expect(intents.revealHint).not.toHaveBeenCalled();
  });

  it('keys typed faster than the screen reads them arrive as one chunk: its Enter still runs the command', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press('kubectl get pods\r');
    await ui.waitFor(() => intents.runCommand.mock.calls.length === 1);
    expect(intents.runCommand).toHaveBeenCalledWith('kubectl get pods');
  });

  it('a bracketed paste with line breaks goes into the prompt as one line and runs nothing', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press('\u001b[200~kubectl get pods\r-o wide\r\u001b[201~');
    await ui.waitFor('❯ kubectl get pods -o wide');
    expect(intents.runCommand).not.toHaveBeenCalled();
    ui.press('enter');
    await ui.waitFor(() => intents.runCommand.mock.calls.length === 1);
    expect(intents.runCommand).toHaveBeenCalledWith('kubectl get pods -o wide');
  });

  it('Tab fills the suggested command for editing; Enter then runs it', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    expect(ui.frame()).toContain('(Enter runs it, Tab edits it)');
    ui.press('tab');
    await ui.waitFor((f) => f.includes(`❯ ${step.suggestedCommand}`) && !f.includes('Enter runs it'));
    ui.press('backspace', '5');
    await ui.waitFor('--replicas=5');
    ui.press('enter');
    await ui.waitFor(() => intents.runCommand.mock.calls.length === 1);
    expect(intents.runCommand).toHaveBeenCalledWith('kubectl scale deployment nginx-depl --replicas=5');
  });

  it('Esc calls stopCommand while a command runs, and stops nothing itself', async () => {
    screen = await renderScreen();
    const { ui, intents, store } = screen;
    store.dispatch({ type: 'command-started', command: 'kubectl get pods -w' });
    await ui.waitFor('$ kubectl get pods -w · running');
    ui.press('esc');
    await ui.waitFor('stopping');
    expect(intents.stopCommand).toHaveBeenCalledTimes(1);
    expect(intents.quit).not.toHaveBeenCalled();
    store.dispatch({ type: 'command-exited', exitCode: null, signal: 'SIGINT' });
    await ui.waitFor('stopped (SIGINT)');
  });

  it('Ctrl+C stops a running command, and quits when none runs', async () => {
    screen = await renderScreen();
    const { ui, intents, store } = screen;
    store.dispatch({ type: 'command-started', command: 'kubectl get pods -w' });
    await ui.waitFor('running');
    ui.press('ctrl+c');
    await ui.waitFor(() => intents.stopCommand.mock.calls.length === 1);
    expect(intents.quit).not.toHaveBeenCalled();
    store.dispatch({ type: 'command-exited', exitCode: 130 });
    await ui.waitFor('exit 130');
    ui.press('ctrl+c');
    await ui.waitFor(() => intents.quit.mock.calls.length === 1);
  });

  it('the lesson list opens on l and explains a locked lesson', async () => {
    screen = await renderScreen();
    const { ui, intents } = screen;
    ui.press('l');
    await ui.waitFor('Lessons');
    ui.press('down');
    const frame = await ui.waitFor('Finish "Your first Deployment" first');
    expect(frame).toContain('3. ◌ Rolling updates');
    ui.press('enter');
    ui.press('up');
    await ui.waitFor('Enter opens "Your first Deployment"');
    ui.press('enter');
    await ui.waitFor(() => intents.chooseLesson.mock.calls.length === 1);
    expect(intents.chooseLesson).toHaveBeenCalledWith('deploy');
  });
});
