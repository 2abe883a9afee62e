import { renderUi, stripAnsi } from './support/render.js';
import { renderToString, Text } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  StatusLine,
  StepPane,
  createViewState,
  useTutorialActions,
  useTutorialState,
  type ClusterView,
} from '../../src/ui/index.js';
import { data, step } from './support/fixtures.js';
import { renderScreen, type ScreenHarness } from './support/screen.js';

let screen: ScreenHarness | undefined;
afterEach(() => screen?.ui.unmount());

describe('contexts', () => {
  it('their hooks throw outside <TutorialScreen>', () => {
    // React logs the error it rethrows; keep the test output clean.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    function ReadsState() {
      useTutorialState();
      return <Text>never</Text>;
    }
    function ReadsActions() {
      useTutorialActions();
      return <Text>never</Text>;
    }
    expect(() => renderToString(<ReadsState />)).toThrow(/useTutorialState\(\) must be used inside <TutorialProvider>/);
    expect(() => renderToString(<ReadsActions />)).toThrow(/useTutorialActions\(\) must be used inside <TutorialProvider>/);
    quiet.mockRestore();
  });
});

describe('step pane', () => {
  it('renders Markdown: heading, bold, inline code, code block, bullets', async () => {
    const local = createViewState({ stepKey: step.id }).step;
    const ui = await renderUi(<StepPane step={step} local={local} width={70} height={14} />, { keyboard: false });
    const frame = await ui.waitFor('the ReplicaSet creates them');
    expect(frame).toContain('Scale it out · step 2/4 · Your first Deployment');
    expect(frame).toMatch(/^Two replicas$/m);
    expect(frame).toContain('A Deployment keeps replicas Pods running. Scale nginx-depl to two:');
    expect(frame).toMatch(/^ {2}kubectl scale deployment nginx-depl --replicas=2$/m);
    expect(frame).toMatch(/^• one Pod per replica$/m);
    const raw = ui.rawFrame();
    expect(raw).toMatch(/\u001b\[1mreplicas/); // bold
    expect(raw).toMatch(/\u001b\[33mnginx-depl\u001b\[39m/); // inline code colour
    // Neither hints nor the solution are drawn before they are revealed.
    expect(frame).not.toContain('Hint');
    expect(frame).not.toContain('Solution');
    ui.unmount();
  });

  it('scrolls long text and says how much is hidden', async () => {
    const long = { ...step, text: Array.from({ length: 20 }, (_, i) => `Paragraph ${i + 1}.`).join('\n\n') };
    const local = { ...createViewState({ stepKey: step.id }).step, scroll: 4 };
    const ui = await renderUi(<StepPane step={long} local={local} width={60} height={6} />, { keyboard: false });
    const frame = await ui.waitFor('Paragraph');
    // 39 lines (20 paragraphs, 19 blank), 5 rows shown from row 4: 30 below.
    expect(frame).toContain('step 2/4 · ↑4 ↓30');
    expect(frame).toMatch(/^Paragraph 3\.$/m);
    expect(frame).not.toContain('Paragraph 1.');
    ui.unmount();
  });
});

describe('status line', () => {
  const cluster = (connection: ClusterView['connection'], sandbox = false): ClusterView => ({
    context: 'minikube',
    sandbox,
    namespace: 'tutorial',
    connection,
  });

  it('shows context, sandbox badge, connection and namespace', async () => {
    const ui = await renderUi(<StatusLine cluster={cluster({ state: 'connected' }, true)} width={80} />, { keyboard: false });
    const frame = await ui.waitFor('connected');
    expect(frame).toBe('kubedojo  minikube  sandbox   ● connected  ns tutorial');
    expect(ui.rawFrame()).toContain('\u001b[32m● connected');
    ui.unmount();
  });

  it('counts down to the next reconnect and reports a lost cluster', async () => {
    const ui = await renderUi(<StatusLine cluster={cluster({ state: 'reconnecting', retryAt: Date.now() + 2500, attempt: 3 })} width={80} />, {
      keyboard: false,
    });
    await ui.waitFor(/reconnecting · retry in 3s · attempt 3/);
    // The countdown ticks on its own.
    await ui.waitFor(/retry in 2s/);
    ui.rerender(<StatusLine cluster={cluster({ state: 'lost', reason: 'connection refused' })} width={80} />);
    const lost = await ui.waitFor('cluster lost');
    expect(stripAnsi(lost)).toContain('✖ cluster lost: connection refused');
    ui.unmount();
  });
});

describe('quiz on the screen', () => {
  it('arrows move the highlight, a digit answers, the verdict is shown', async () => {
    const quizStep = { ...step, suggestedCommand: undefined, quiz: { question: 'What keeps Pods running?', choices: ['a Service', 'a ReplicaSet'] } };
    screen = await renderScreen(data({ step: quizStep }));
    const { ui, intents } = screen;
    await ui.waitFor('? What keeps Pods running?');
    expect(ui.frame()).toContain('1-9 pick');
    ui.press('down');
    await ui.waitFor('❯ 2. a ReplicaSet');
    ui.press('2');
    await ui.waitFor(() => intents.answerQuiz.mock.calls.length === 1);
    expect(intents.answerQuiz).toHaveBeenCalledWith(1);
    screen.update(data({ step: { ...quizStep, quiz: { ...quizStep.quiz, answer: { choice: 1, correct: true, explanation: 'it recreates them' } } } }));
    const frame = await ui.waitFor('Correct');
    expect(frame).toContain('✔ 2. a ReplicaSet');
    expect(frame).toContain('Correct — it recreates them');
  });
});
