import { describe, expect, it } from 'vitest';
import { formatDiagnostics, kindsWatchedByStep, loadLesson, manifestFiles } from '../../../src/engine/lessons/index.js';

const OK = 'test/engine/lessons/fixtures/course-ok';
const BROKEN = 'test/engine/lessons/fixtures/broken/lessons';

describe('loadLesson: a valid lesson', () => {
  it('reads front matter, intro, and steps with their Markdown text and heading lines', async () => {
    const { lesson, diagnostics } = await loadLesson(`${OK}/lessons/01-hello.md`);
    expect(diagnostics).toEqual([]);
    expect(lesson).toEqual({
      id: 'hello',
      title: 'Hello',
      summary: "A tiny lesson for the loader's tests.",
      objectives: ['Run one command'],
      requires: [],
      workspace: [],
      start: { manifests: [], commands: [] },
      file: `${OK}/lessons/01-hello.md`,
      root: OK,
      intro: 'Intro *prose*.',
      steps: [
        {
          id: 'look',
          title: 'Look around',
          line: 11,
          text: [
            'Run the command.',
            '',
            '```bash',
            '## not a step: inside a code block',
            'kubectl get pods',
            '```',
            '',
            '~~~yaml',
            'not: a step block either',
            '~~~',
            '',
            '',
            'Text after the block belongs to the step too.',
          ].join('\n'),
          command: 'kubectl get pods',
          hints: ['Press Enter.', 'Really: press Enter.'],
          solution: ['kubectl get pods'],
          remember: {},
          checks: [{ ran: ['kubectl get pods'], exitCode: 0 }],
        },
        {
          id: 'quiz',
          title: 'Quiz',
          line: 38,
          text: '',
          hints: ['Think.'],
          solution: [],
          remember: {},
          checks: [{ quiz: { question: 'Pick b.', choices: ['a', 'b'], answer: 'b', reasons: { a: 'Not a.' } } }],
        },
      ],
    });
  });

  it('resolves the start state and the kinds each step reads', async () => {
    const { lesson } = await loadLesson(`${OK}/lessons/02-next.md`);
    expect(lesson?.start).toEqual({ manifests: ['assets/hello.yaml'], commands: ['kubectl rollout status deployment/hello'] });
    expect(manifestFiles(lesson!)).toEqual([`${OK}/assets/hello.yaml`]);
    expect(lesson?.steps[0]?.remember).toEqual({ before: { podOf: { deployment: 'hello' } } });
    expect(kindsWatchedByStep(lesson!.steps[0]!)).toEqual(['Deployment', 'Pod', 'ReplicaSet']);
  });

  it('reports a file it cannot read', async () => {
    expect(await loadLesson(`${OK}/lessons/99-missing.md`)).toEqual({
      diagnostics: [{ file: `${OK}/lessons/99-missing.md`, line: 0, message: expect.stringMatching(/^cannot read: ENOENT/) }],
    });
  });
});

// Each broken file and the exact lines lint prints for it.
const BROKEN_CASES: Record<string, string[]> = {
  '01-wrong-type.md': [
    '23: steps[1].hints[0]: expected a string (quote text that contains ": ")',
    '26: steps[1].checks[0].podsReady.deployment: expected a string',
  ],
  '02-typos.md': [
    '5: objective: unknown key, did you mean "objectives"?',
    '12: steps[0].comand: unknown key, did you mean "command"?',
    '17: steps[0].checks[1].exsts: unknown check, did you mean "exists"?',
    '18: steps[0].checks[2].field: unknown kind "deploymnt", did you mean "deployment"?',
  ],
  '03-no-front-matter.md': ['1: a lesson starts with YAML front matter between two --- lines'],
  '04-yaml-syntax.md': [
    '13: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    '18: step "No block" has no ```yaml step block',
  ],
  '05-step-rules.md': [
    '11: steps[0].solution: required, unless every check of the step is a quiz',
    "24: steps[1].checks[0].ran: the solution's last command (kubectl get nodes) does not satisfy this check",
    '30: steps[2].solution: required, unless every check of the step is a quiz',
    '32: steps[2].checks: a step holds at most one quiz: split it into steps',
  ],
  '06-commands.md': [
    '7: start.manifests[0]: "../etc/passwd.yaml" should be a .yaml file under assets/, like assets/nginx-depl.yaml',
    '9: start.commands[0]: lesson commands run kubectl or minikube, not curl',
    '10: start.commands[1]: drop -n kubedojo: commands already run in the tutorial namespace (another one per learner in workshop mode)',
    '17: steps[0].command: `|` is shell syntax. kubedojo runs one command, without a shell: use your own terminal for pipes (or put it in quotes if kubectl should see it as text).',
    '20: steps[0].solution[0]: kubectl edit needs a person at the keyboard, and solutions run unattended (kubedojo rehearse): use kubectl set, patch or apply instead',
    '21: steps[0].solution[1]: this command never ends on its own, and solutions run unattended (kubedojo rehearse): drop -w / -f',
    '30: steps[1].command: minikube delete does not belong in a lesson (allowed: start, status, ip, service, kubectl, version)',
    '33: steps[1].solution[0]: solutions run unattended (kubedojo rehearse) on every cluster, the sandbox included: use kubectl, not minikube',
    '34: steps[1].solution[1]: `--context` would point kubectl away from the cluster kubedojo pinned it to: run it in your own terminal if you really mean it.',
    '36: steps[1].checks[0].ran[1]: lesson commands run kubectl or minikube, not helm',
  ],
  '08-misnamed.md': ['2: id: the file of lesson another-name must be named NN-another-name.md, not 08-misnamed.md'],
  '09-structure.md': [
    '8: a yaml step block must follow a "## " step heading',
    '16: steps[0].title: the title is the "## " heading above the block',
    '23: step "Two blocks" already has a yaml step block: start a new "## " section for another step',
    '27: step "Never closed" has no ```yaml step block',
    '29: this yaml step block is never closed',
  ],
  '10-empty.md': ['1: a lesson needs at least one step: a "## " heading followed by a ```yaml step block'],
  '11-lesson-rules.md': [
    '15: steps[0].checks[0].replaced.remembered: nothing is remembered as oldPod in this or an earlier step',
    '21: steps[1].id: step id "same" is already used by steps[0]',
    '27: steps[1].checks[0].replaced.deployment: oldPod is a Pod of deployment web, not api',
    '35: steps[2].remember.oldPod: oldPod is already remembered by steps[1]',
  ],
  '12-traffic.md': [
    '22: steps[1].meter.path: expected a URL path starting with /, like /',
    '22: steps[1].meter.rate: expected at least 1',
    '22: steps[1].meter.version: "v(1" is not a valid regular expression',
    '26: steps[1].checks[0].traffic.during: expected a Deployment, like deployment/web: only Deployments roll out',
    '27: steps[1].checks[1].traffic.minFailed: give maxFailed or minFailed, not both',
    '39: steps[2].checks[1].traffic.during: give maxFailed (maxFailed: 0 for zero downtime) or minFailed (to show downtime)',
  ],
  '13-traffic-rules.md': [
    '15: steps[0].checks[0].traffic: name the service, or declare meter: {service: ...} in this or an earlier step',
    '26: steps[1].checks[0].traffic.service: no step meters service api (meter: is on web)',
    '38: steps[2].checks[0].traffic: the lesson meters web and api: name the service',
  ],
};

describe('loadLesson: broken files, exact file:line: message', () => {
  it.each(Object.entries(BROKEN_CASES))('%s', async (name, lines) => {
    const file = `${BROKEN}/${name}`;
    const { lesson, diagnostics } = await loadLesson(file);
    expect(lesson).toBeUndefined();
    expect(formatDiagnostics(diagnostics).split('\n')).toEqual(lines.map((line) => `${file}:${line}`));
  });

  it('07-start-state.md: missing manifests on the lesson line, bad manifests on their own lines', async () => {
    const { diagnostics } = await loadLesson(`${BROKEN}/07-start-state.md`);
    expect(formatDiagnostics(diagnostics).split('\n')).toEqual([
      'test/engine/lessons/fixtures/broken/assets/empty.yaml: holds no Kubernetes objects',
      'test/engine/lessons/fixtures/broken/assets/namespaced.yaml:2: kind: Namespace is cluster-wide, and lessons only change their namespace',
      'test/engine/lessons/fixtures/broken/assets/namespaced.yaml:10: metadata.namespace: leave it out, catch-up applies manifests in the tutorial namespace',
      `${BROKEN}/07-start-state.md:8: start.manifests[0]: assets/missing.yaml does not exist`,
    ]);
  });
});
