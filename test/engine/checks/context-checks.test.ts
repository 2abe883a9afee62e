import { describe, expect, it } from 'vitest';
import { commandMatches } from '../../../src/engine/checks/command-match.js';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import type { CheckContext } from '../../../src/engine/checks/result.js';
import { check } from './check-helpers.js';

const empty = createStaticView([]);
const ran = (argv: string, exitCode = 0): CheckContext => ({ remembered: {}, lastCommand: { argv: argv.split(' '), exitCode } });
const words = (text: string): string[] => text.split(' ');

describe('ran', () => {
  const nodes = check({ ran: 'kubectl get nodes' });

  it('passes on the asked-for command with exit code 0', () => {
    expect(evaluateCheck(nodes, empty, ran('kubectl get nodes'))).toEqual({ ok: true, message: 'ran kubectl get nodes (exit 0)' });
  });

  it('says what ran instead', () => {
    expect(evaluateCheck(nodes, empty, { remembered: {} })).toEqual({ ok: false, message: 'no command run yet, want kubectl get nodes' });
    expect(evaluateCheck(nodes, empty, ran('kubectl get pods'))).toEqual({ ok: false, message: 'last command was kubectl get pods, want kubectl get nodes' });
    expect(evaluateCheck(nodes, empty, ran('kubectl get nodes', 1))).toEqual({ ok: false, message: 'kubectl get nodes exited with 1, want 0' });
  });

  it('accepts any of several commands, and another exit code when asked', () => {
    const start = check({ ran: ['minikube start', 'kubectl cluster-info'] });
    expect(evaluateCheck(start, empty, ran('kubectl cluster-info'))).toEqual({ ok: true, message: 'ran kubectl cluster-info (exit 0)' });
    expect(evaluateCheck(start, empty, ran('kubectl version'))).toEqual({
      ok: false,
      message: 'last command was kubectl version, want minikube start or kubectl cluster-info',
    });
    expect(evaluateCheck(check({ ran: 'kubectl logs', exitCode: 1 }), empty, ran('kubectl logs mongo-depl-558475c797-hz5ng', 1)).ok).toBe(true);
  });

  it('quotes arguments with spaces when reporting', () => {
    const context: CheckContext = { remembered: {}, lastCommand: { argv: ['kubectl', 'get', 'pods', '-l', 'env in (a,b)'], exitCode: 0 } };
    expect(evaluateCheck(nodes, empty, context).message).toBe('last command was kubectl get pods -l "env in (a,b)", want kubectl get nodes');
  });
});

describe('commandMatches', () => {
  it.each([
    ['kubectl get pods', 'kubectl get pods'],
    ['kubectl get pods', 'kubectl get pod'],
    ['kubectl get pods', 'kubectl get po -o wide'],
    ['kubectl get pods -A', 'kubectl get pods --all-namespaces'],
    ['kubectl get deployment', 'kubectl get deployments.apps'],
    ['kubectl logs', 'kubectl logs nginx-depl-6777bffb6f-7hmls'],
    ['kubectl describe pod', 'kubectl describe pods -l app=mongo-depl'],
    ['kubectl get deploy/nginx-depl', 'kubectl get deployment/nginx-depl -o yaml'],
    ['kubectl get pods', 'kubectl -n kube-system get pods'],
  ])('%s is satisfied by %s', (wanted, actual) => {
    expect(commandMatches(words(wanted), words(actual))).toBe(true);
  });

  it.each([
    ['kubectl get pods', 'kubectl get nodes'],
    ['kubectl get pods -A', 'kubectl get pods'],
    ['kubectl get pods', 'minikube kubectl -- get pods'],
    ['kubectl get pods', 'kubectl get'],
    ['kubectl describe pod -l app=mongo-depl', 'kubectl describe pod -l app=nginx-depl'],
  ])('%s is not satisfied by %s', (wanted, actual) => {
    expect(commandMatches(words(wanted), words(actual))).toBe(false);
  });
});

describe('quiz', () => {
  const quiz = check({
    quiz: { question: 'Who picks the node?', choices: ['the kubelet', 'the scheduler'], answer: 'the scheduler', reasons: { 'the kubelet': 'It starts containers.' } },
  });

  it('waits for an answer, rejects a wrong one without naming the right one', () => {
    expect(evaluateCheck(quiz, empty, { remembered: {} })).toEqual({ ok: false, message: 'quiz: not answered yet' });
    expect(evaluateCheck(quiz, empty, { remembered: {}, quizAnswer: 'the kubelet' })).toEqual({ ok: false, message: 'quiz: "the kubelet" is not it, try again' });
    expect(evaluateCheck(quiz, empty, { remembered: {}, quizAnswer: 'the scheduler' })).toEqual({ ok: true, message: 'quiz: "the scheduler" is right' });
  });
});
