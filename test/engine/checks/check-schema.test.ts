import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStaticView } from '../../../src/engine/checks/cluster-view.js';
import { evaluateCheck, resourcesWatchedBy } from '../../../src/engine/checks/evaluate.js';
import { CheckSchema, RememberSchema } from '../../../src/engine/checks/schema.js';
import { PARSE_PARAMS, tidyIssues } from '../../../src/engine/checks/schema-helpers.js';
import { check, noContext } from './check-helpers.js';

/** `path: message` for each issue, as lint words them (without the file:line part). */
function problems(input: unknown): string[] {
  const result = z.array(CheckSchema).safeParse([input], PARSE_PARAMS);
  if (result.success) return [];
  return tidyIssues(result.error.issues).map((issue) => {
    const key = issue.code === 'unrecognized_keys' ? [issue.keys[0]] : [];
    return `${[...issue.path.slice(1), ...key].join('.')}: ${issue.message}`;
  });
}

describe('CheckSchema output', () => {
  it('normalises kinds, references, selectors and paths', () => {
    expect(check({ exists: 'deploy/nginx-depl' })).toEqual({ exists: { kind: 'Deployment', name: 'nginx-depl' } });
    expect(check({ gone: { kind: 'pods', selector: 'app=mongo-depl' } })).toEqual({
      gone: { kind: 'Pod', selector: { matchLabels: { app: 'mongo-depl' } } },
    });
    expect(check({ field: 'svc/web', path: 'spec.ports[0].targetPort', equals: 80 })).toEqual({
      field: { kind: 'Service', name: 'web' },
      path: [{ key: 'spec' }, { key: 'ports' }, { index: 0 }, { key: 'targetPort' }],
      equals: 80,
    });
    expect(check({ ran: 'kubectl get nodes' })).toEqual({ ran: ['kubectl get nodes'], exitCode: 0 });
  });
});

describe('CheckSchema errors', () => {
  it.each([
    [{ podsReady: { deployment: 5 } }, ['podsReady.deployment: expected a string']],
    [{ podsReady: { deployment: 'web', count: 1.5 } }, ['podsReady.count: expected an integer']],
    [{ podsReady: {} }, ['podsReady.deployment: required']],
    [{ podsReady: { deployment: 'Web_App' } }, ['podsReady.deployment: "Web_App" is not a Kubernetes name (lowercase letters, digits, - and .)']],
    [{ exsts: 'deployment/web' }, ['exsts: unknown check, did you mean "exists"?']],
    [{ wait: 'deployment/web' }, [': expected one of the checks: exists, gone, field, podsReady, replaced, serviceEndpoints, rollout, ran, quiz, traffic']],
    ['exists deployment/web', [': expected a check, a mapping like `exists: deployment/nginx-depl`']],
    [{ exists: 'deployment/web', gone: 'deployment/web' }, ['gone: one check per list item, found exists and gone']],
    [{ exists: 'deploymnt/web' }, ['exists: unknown kind "deploymnt", did you mean "deployment"?']],
    [{ exists: 'web' }, ['exists: expected kind/name, like deployment/nginx-depl']],
    [{ exists: { kind: 'pod', name: 'a', selector: 'app=a' } }, ['exists: give name or selector, not both']],
    [{ exists: { kind: 'pod', selecter: 'app=a' } }, ['exists.selecter: unknown key, did you mean "selector"?']],
    [{ field: 'deployment/web', path: 'spec.replicas' }, ['field: a field check needs one of equals, contains, matches, atLeast']],
    [{ field: 'deployment/web', path: 'spec.replicas', equals: 2, atLeast: 1 }, ['atLeast: a field check takes one of equals, contains, matches, atLeast, found equals and atLeast']],
    [{ field: 'deployment/web', path: 'spec.replicas', equals: null }, ['equals: expected a value (a string, number, true/false, list or mapping)']],
    [{ field: 'deployment/web', path: 'spec.image', matches: '(' }, ['matches: "(" is not a valid regular expression']],
    [{ field: 'deployment/web', path: 'spec.replicas', equals: 2, because: 'x' }, ['because: unknown key (allowed: field, path, equals, contains, matches, atLeast)']],
    [{ rollout: { deployment: 'web' } }, ['rollout.deployment: a rollout check needs revisions, revision (with image) or complete']],
    [{ rollout: { deployment: 'web', complete: false } }, ['rollout.complete: complete: true, or leave it out']],
    [{ rollout: { deployment: 'web', revisions: 2, image: 'nginx' } }, ['rollout.image: image needs revision: which revision runs it?']],
    [{ rollout: { deployment: 'web', revisions: { atleast: 2 } } }, ['rollout.revisions.atleast: unknown key, did you mean "atLeast"?']],
    [{ ran: 'kubectl get pods | grep web' }, ['ran: `|` is shell syntax. kubedojo runs one command, without a shell: use your own terminal for pipes (or put it in quotes if kubectl should see it as text).']],
    [{ ran: [] }, ['ran: expected at least one item']],
    [{ quiz: { question: 'Q?', choices: ['a', 'b'], answer: 'c', reasons: { a: 'A.', b: 'B.' } } }, ['quiz.answer: the answer must be one of the choices, word for word']],
    [{ quiz: { question: 'Q?', choices: ['a', 'b', 'c'], answer: 'a', reasons: { b: 'B.' } } }, ['quiz.reasons: give a reason for the wrong choice "c" (reasons: {"c": ...})']],
    [{ quiz: { question: 'Q?', choices: ['a', 'b'], answer: 'a', reasons: { b: 'B.', a: 'A.', z: 'Z.' } } }, ['quiz.reasons.a: "a" is the answer: put why in explain', 'quiz.reasons.z: "z" is not one of the choices']],
    [{ quiz: { question: 'Q?', choices: ['a'], answer: 'a' } }, ['quiz.choices: expected at least 2 items']],
    [{ replaced: { remembered: '1st', deployment: 'web' } }, ['replaced.remembered: "1st" is not a name (letters, digits, - and _)']],
  ])('%j → %j', (input, expected) => {
    expect(problems(input)).toEqual(expected);
  });
});

describe('resourcesWatchedBy', () => {
  it.each([
    [{ exists: 'deployment/web' }, ['Deployment']],
    [{ gone: { kind: 'pod', selector: 'app=web' } }, ['Pod']],
    [{ field: 'svc/web', path: 'spec.type', equals: 'NodePort' }, ['Service']],
    [{ podsReady: { deployment: 'web' } }, ['Deployment', 'Pod']],
    [{ replaced: { remembered: 'oldPod', deployment: 'web' } }, ['Deployment', 'Pod']],
    [{ serviceEndpoints: { service: 'web' } }, ['Service', 'Endpoints', 'Pod']],
    [{ rollout: { deployment: 'web', revisions: 2 } }, ['Deployment', 'ReplicaSet']],
    [{ ran: 'kubectl get nodes' }, []],
    [{ quiz: { question: 'Q?', choices: ['a', 'b'], answer: 'a', reasons: { b: 'B.' } } }, []],
  ])('%j reads %j', (input, kinds) => {
    expect(resourcesWatchedBy(check(input))).toEqual(kinds);
  });
});

describe('evaluateCheck robustness', () => {
  it('reports an object it cannot read instead of throwing', () => {
    const view = { get: () => { throw new Error('cache not synced'); }, list: () => [] };
    expect(evaluateCheck(check({ exists: 'deployment/web' }), view, noContext)).toEqual({
      ok: false,
      message: 'could not evaluate this check: cache not synced',
    });
  });

  it('copes with objects that lack most fields', () => {
    const view = createStaticView({ Deployment: [{ metadata: { name: 'web' } }], Pod: [{ metadata: { name: 'p' } }] });
    expect(evaluateCheck(check({ podsReady: { deployment: 'web' } }), view, noContext)).toEqual({ ok: false, message: 'deployment web: 0/1 Pods ready' });
  });
});

describe('RememberSchema', () => {
  it('parses podOf specs and rejects bad names', () => {
    expect(RememberSchema.parse({ oldPod: { podOf: { deployment: 'nginx-depl' } } })).toEqual({ oldPod: { podOf: { deployment: 'nginx-depl' } } });
    const result = RememberSchema.safeParse({ '1st': { podOf: { deployment: 'web' } }, pod: { podOf: {} } }, PARSE_PARAMS);
    expect(result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      '1st: "1st" is not a name (letters, digits, - and _)',
      'pod.podOf.deployment: required',
    ]);
  });
});
