import { describe, expect, it } from 'vitest';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck } from '../../../src/engine/checks/evaluate.js';
import { ranMatches } from '../../../src/engine/checks/ran-match.js';
import type { CheckContext } from '../../../src/engine/checks/result.js';
import { check } from './check-helpers.js';
import { deployment, pod, replicaSet } from './cluster-fixtures.js';

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

describe('ranMatches: verb, resource, name or selector, namespace', () => {
  it.each([
    ['kubectl get pods', 'kubectl get pods'],
    ['kubectl get pods', 'kubectl get pod'],
    ['kubectl get pods', 'kubectl get po -o wide'],
    ['kubectl get pods', 'kubectl get pods -n kubedojo'],
    ['kubectl get pods', 'kubectl get pods nginx-depl-6777bffb6f-7hmls'],
    ['kubectl get pods -A', 'kubectl get pods --all-namespaces'],
    ['kubectl get deployment', 'kubectl get deployments.apps'],
    ['kubectl get deployment', 'kubectl get deploy,rs'],
    ['kubectl logs', 'kubectl logs nginx-depl-6777bffb6f-7hmls'],
    ['kubectl describe pod', 'kubectl describe pods -l app=mongo-depl'],
    ['kubectl describe pod -l app=mongo-depl', 'kubectl describe po -l app=mongo-depl -o wide'],
    ['kubectl describe pod -l app=web,tier=db', 'kubectl describe pods --selector=tier=db,app=web'],
    ['kubectl get deploy/nginx-depl', 'kubectl get deployment/nginx-depl -o yaml'],
    ['kubectl get deploy/nginx-depl', 'kubectl get deployment nginx-depl'],
    ['kubectl rollout status deployment/nginx-depl', 'kubectl rollout status deploy nginx-depl --timeout=60s'],
    ['kubectl set image deployment/nginx-depl nginx=nginx:1.25', 'kubectl set image deploy/nginx-depl nginx=nginx:1.25'],
    ['kubectl get pods -n kube-system', 'kubectl -n kube-system get pods'],
    ['minikube start', 'minikube start --driver=docker'],
  ])('%s is satisfied by %s', (wanted, actual) => {
    expect(ranMatches(words(wanted), words(actual))).toBe(true);
  });

  it.each([
    ['kubectl get pods', 'kubectl get nodes'],
    ['kubectl get pods -A', 'kubectl get pods'],
    ['kubectl get pods', 'kubectl get pods -A'],
    ['kubectl get pods', 'kubectl get pods -n kube-system'],
    ['kubectl get pods', 'kubectl -n kube-system get pods'],
    ['kubectl get pods', 'minikube kubectl -- get pods'],
    ['kubectl get pods', 'kubectl get'],
    ['kubectl get pods', 'kubectl describe pods'],
    ['kubectl describe pod -l app=mongo-depl', 'kubectl describe pod -l app=nginx-depl'],
    ['kubectl describe pod -l app=mongo-depl', 'kubectl describe pod'],
    ['kubectl describe pod -l app=mongo-depl', 'kubectl describe deployment -l app=mongo-depl'],
    ['kubectl get deploy/nginx-depl', 'kubectl get deployment/mongo-depl'],
    ['kubectl rollout status deployment/nginx-depl', 'kubectl rollout history deployment/nginx-depl'],
    ['kubectl set image deployment/nginx-depl nginx=nginx:1.25', 'kubectl set image deployment/nginx-depl nginx=nginx:1.26'],
    ['kubectl logs deployment/nginx-depl', 'kubectl logs deployment/mongo-depl'],
  ])('%s is not satisfied by %s', (wanted, actual) => {
    expect(ranMatches(words(wanted), words(actual))).toBe(false);
  });

  it('takes -n of the tutorial namespace as no -n at all', () => {
    expect(ranMatches(words('kubectl get pods'), words('kubectl get pods -n learner-7'), { namespace: 'learner-7' })).toBe(true);
    expect(ranMatches(words('kubectl get pods'), words('kubectl get pods -n kubedojo'), { namespace: 'learner-7' })).toBe(false);
  });

  describe('with the cluster in view, a Pod name stands for what it belongs to', () => {
    const nginx = deployment('nginx-depl', 'nginx');
    const mongo = deployment('mongo-depl', 'mongo');
    const nginxPod = pod(replicaSet(nginx, '7c5ddbdf54', 'nginx', { revision: 1 }), 'x8k2p');
    const mongoPod = pod(replicaSet(mongo, '558475c797', 'mongo', { revision: 1 }), 'hz5ng');
    const view = createStaticView({ Deployment: [nginx, mongo], Pod: [nginxPod, mongoPod] });
    const name = (object: typeof nginxPod): string => object.metadata!.name!;

    it('names a Pod the declared selector picks', () => {
      expect(ranMatches(words('kubectl describe pod -l app=mongo-depl'), ['kubectl', 'describe', 'pod', name(mongoPod)], { view })).toBe(true);
      expect(ranMatches(words('kubectl describe pod -l app=mongo-depl'), ['kubectl', 'describe', 'pod', name(nginxPod)], { view })).toBe(false);
      expect(ranMatches(words('kubectl describe pod -l app=mongo-depl'), ['kubectl', 'describe', 'pod', 'mongo-depl-gone'], { view })).toBe(false);
      // Without the view, only the literal selector counts.
      expect(ranMatches(words('kubectl describe pod -l app=mongo-depl'), ['kubectl', 'describe', 'pod', name(mongoPod)])).toBe(false);
    });

    it('logs of one of the declared Deployment\'s Pods', () => {
      expect(ranMatches(words('kubectl logs deployment/nginx-depl'), ['kubectl', 'logs', name(nginxPod)], { view })).toBe(true);
      expect(ranMatches(words('kubectl logs deployment/nginx-depl'), ['kubectl', 'logs', name(mongoPod)], { view })).toBe(false);
      expect(ranMatches(words('kubectl logs deployment/nginx-depl'), ['kubectl', 'logs', `pod/${name(nginxPod)}`, '-f'], { view })).toBe(true);
    });
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
