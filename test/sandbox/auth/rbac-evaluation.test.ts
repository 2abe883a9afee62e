/**
 * RBAC's evaluation on the upstream rules (pkg/apis/rbac/v1/evaluation_helpers_test.go,
 * plugin/pkg/auth/authorizer/rbac/rbac_test.go, pkg/registry/rbac/validation/rule_test.go): verbs,
 * API groups, resources and subresources, resourceNames, non-resource URLs, wildcards, subjects,
 * bindings, the reasons, and ClusterRole aggregation.
 */
import { describe, expect, it } from 'vitest';
import { ruleAllows, resourceMatches, nonResourceURLMatches, appliesToUser, type PolicyRule } from '../../../src/sandbox/auth/rbac/evaluation.js';
import { authorize, subjectRules } from '../../../src/sandbox/auth/rbac/authorizer.js';
import { aggregatedRules } from '../../../src/sandbox/auth/rbac/aggregation.js';
import { bootstrapClusterRoles } from '../../../src/sandbox/auth/rbac/bootstrap-policy.js';
import type { RbacSource } from '../../../src/sandbox/auth/rbac/resolver.js';
import { requestAttributes, type RequestAttributes } from '../../../src/sandbox/auth/request-info.js';
import { ADMIN_USER, serviceAccountUser, type UserInfo } from '../../../src/sandbox/auth/user.js';

type Obj = Record<string, any>;

const resource = (verb: string, group: string, res: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({
  isResourceRequest: true,
  path: '',
  verb,
  apiGroup: group,
  apiVersion: 'v1',
  namespace: 'ns',
  resource: res,
  subresource: '',
  name: '',
  ...extra,
});
const nonResource = (verb: string, path: string): RequestAttributes => ({ ...resource(verb, '', ''), isResourceRequest: false, namespace: '', path });

describe('ruleAllows', () => {
  const cases: [string, PolicyRule, RequestAttributes, boolean][] = [
    ['the exact verb, group and resource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, resource('get', '', 'pods'), true],
    ['another verb', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, resource('list', '', 'pods'), false],
    ['the * verb', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, resource('deletecollection', '', 'pods'), true],
    ['another API group', { verbs: ['get'], apiGroups: [''], resources: ['deployments'] }, resource('get', 'apps', 'deployments'), false],
    ['the * API group', { verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }, resource('get', 'apps', 'deployments'), true],
    ['no API group at all', { verbs: ['get'], resources: ['pods'] }, resource('get', '', 'pods'), false],
    ['the * resource', { verbs: ['get'], apiGroups: ['apps'], resources: ['*'] }, resource('get', 'apps', 'replicasets'), true],
    ['* covers subresources', { verbs: ['get'], apiGroups: [''], resources: ['*'] }, resource('get', '', 'pods', { subresource: 'log' }), true],
    ['a resource does not cover its subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods'] }, resource('get', '', 'pods', { subresource: 'log' }), false],
    ['resource/subresource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, resource('get', '', 'pods', { subresource: 'log' }), true],
    ['a subresource does not cover its resource', { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }, resource('get', '', 'pods'), false],
    ['*/subresource', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }, resource('update', 'apps', 'deployments', { subresource: 'scale' }), true],
    ['*/subresource, another subresource', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }, resource('update', 'apps', 'deployments', { subresource: 'status' }), false],
    ['*/subresource, no subresource', { verbs: ['update'], apiGroups: ['apps'], resources: ['*/scale'] }, resource('update', 'apps', 'deployments'), false],
    ['resource/* is not a wildcard', { verbs: ['get'], apiGroups: [''], resources: ['pods/*'] }, resource('get', '', 'pods', { subresource: 'log' }), false],
    ['a named resource', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['progress'] }, resource('get', '', 'configmaps', { name: 'progress' }), true],
    ['another name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['progress'] }, resource('get', '', 'configmaps', { name: 'other' }), false],
    ['resourceNames refuse a list (no name)', { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['progress'] }, resource('list', '', 'configmaps'), false],
    ['no resourceNames allow every name', { verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }, resource('get', '', 'configmaps', { name: 'any' }), true],
    ['a resource rule never allows a path', { verbs: ['get'], apiGroups: ['*'], resources: ['*'] }, nonResource('get', '/version'), false],
    ['an exact URL', { verbs: ['get'], nonResourceURLs: ['/version'] }, nonResource('get', '/version'), true],
    ['a URL prefix with *', { verbs: ['get'], nonResourceURLs: ['/apis/*'] }, nonResource('get', '/apis/apps/v1'), true],
    ['the * URL', { verbs: ['*'], nonResourceURLs: ['*'] }, nonResource('post', '/anything'), true],
    ['another URL', { verbs: ['get'], nonResourceURLs: ['/version'] }, nonResource('get', '/versions'), false],
    ['a URL rule never allows a resource', { verbs: ['*'], nonResourceURLs: ['*'] }, resource('get', '', 'pods'), false],
  ];
  it.each(cases)('%s', (_name, rule, attributes, allowed) => {
    expect(ruleAllows(attributes, rule)).toBe(allowed);
  });

  it('matches */subresource by length and suffix, as upstream does', () => {
    expect(resourceMatches({ verbs: [], resources: ['*/log'] }, 'pods/log', 'log')).toBe(true);
    expect(resourceMatches({ verbs: [], resources: ['*/xlog'] }, 'pods/log', 'log')).toBe(false);
    expect(nonResourceURLMatches({ verbs: [], nonResourceURLs: ['/api**'] }, '/apis')).toBe(true);
  });
});

describe('appliesToUser', () => {
  const ana = serviceAccountUser('kubedojo-ana', 'learner', 'uid-1');
  it('matches a ServiceAccount subject by namespace and name', () => {
    expect(appliesToUser(ana, { kind: 'ServiceAccount', name: 'learner', namespace: 'kubedojo-ana' }, '')).toBe(true);
    expect(appliesToUser(ana, { kind: 'ServiceAccount', name: 'learner', namespace: 'kubedojo-ben' }, '')).toBe(false);
  });
  it('defaults a ServiceAccount subject to the binding namespace, and to nothing in a ClusterRoleBinding', () => {
    expect(appliesToUser(ana, { kind: 'ServiceAccount', name: 'learner' }, 'kubedojo-ana')).toBe(true);
    expect(appliesToUser(ana, { kind: 'ServiceAccount', name: 'learner' }, '')).toBe(false);
  });
  it('matches groups and users', () => {
    expect(appliesToUser(ana, { kind: 'Group', name: 'system:serviceaccounts:kubedojo-ana' }, '')).toBe(true);
    expect(appliesToUser(ana, { kind: 'Group', name: 'system:serviceaccounts:kubedojo-ben' }, '')).toBe(false);
    expect(appliesToUser(ana, { kind: 'User', name: 'system:serviceaccount:kubedojo-ana:learner' }, '')).toBe(true);
    expect(appliesToUser(ana, { kind: 'Robot', name: 'learner' }, 'kubedojo-ana')).toBe(false);
  });
});

/** A fixed set of RBAC objects, as the store would hold them. */
function source(objects: { roles?: Obj[]; roleBindings?: Obj[]; clusterRoles?: Obj[]; clusterRoleBindings?: Obj[] }): RbacSource {
  return {
    clusterRoleBindings: () => objects.clusterRoleBindings ?? [],
    roleBindings: (ns) => (objects.roleBindings ?? []).filter((b) => b.metadata.namespace === ns),
    clusterRole: (name) => (objects.clusterRoles ?? []).find((r) => r.metadata.name === name),
    role: (ns, name) => (objects.roles ?? []).find((r) => r.metadata.namespace === ns && r.metadata.name === name),
  };
}

const RBAC = 'rbac.authorization.k8s.io';
const learnerRole = { metadata: { name: 'learner', namespace: 'kubedojo-ana' }, rules: [{ verbs: ['get', 'list', 'create'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] }] };
const learnerBinding = {
  metadata: { name: 'learner', namespace: 'kubedojo-ana' },
  roleRef: { apiGroup: RBAC, kind: 'Role', name: 'learner' },
  subjects: [{ kind: 'ServiceAccount', name: 'learner', namespace: 'kubedojo-ana' }],
};

describe('authorize', () => {
  const ana: UserInfo = serviceAccountUser('kubedojo-ana', 'learner', 'uid-1');
  const rbac = source({
    roles: [learnerRole],
    roleBindings: [learnerBinding, { metadata: { name: 'dangling', namespace: 'kubedojo-ana' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'gone' }, subjects: [{ kind: 'ServiceAccount', name: 'learner' }] }],
    clusterRoles: [{ metadata: { name: 'system:discovery' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/version', '/api', '/api/*'] }] }],
    clusterRoleBindings: [{ metadata: { name: 'system:discovery' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'system:discovery' }, subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'system:authenticated' }] }],
  });

  it('allows what the Role grants in its namespace, and says which binding did', () => {
    expect(authorize(rbac, ana, { ...resource('create', 'apps', 'deployments'), namespace: 'kubedojo-ana' })).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "learner/kubedojo-ana" of Role "learner" to ServiceAccount "learner/kubedojo-ana"',
    });
  });

  it('denies the same request in another namespace and at the cluster scope', () => {
    expect(authorize(rbac, ana, { ...resource('list', '', 'pods'), namespace: 'kubedojo-ben' })).toEqual({ allowed: false, reason: '' });
    expect(authorize(rbac, ana, { ...resource('list', '', 'pods'), namespace: '' })).toEqual({ allowed: false, reason: '' });
  });

  it('names a binding whose role is missing in the denial', () => {
    expect(authorize(rbac, ana, { ...resource('delete', '', 'pods'), namespace: 'kubedojo-ana' })).toEqual({
      allowed: false,
      reason: 'RBAC: role.rbac.authorization.k8s.io "gone" not found',
    });
  });

  it('allows discovery paths through the group binding', () => {
    expect(authorize(rbac, ana, nonResource('get', '/api/v1')).reason).toBe(
      'RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated"',
    );
    expect(authorize(rbac, ana, nonResource('get', '/metrics')).allowed).toBe(false);
  });

  it('lets system:masters do anything without reading a rule', () => {
    expect(authorize(source({}), ADMIN_USER, resource('delete', '', 'nodes'))).toEqual({ allowed: true, reason: '' });
  });

  it('lists the rules for SelfSubjectRulesReview, with the resolution error', () => {
    const rules = subjectRules(rbac, ana, 'kubedojo-ana');
    expect(rules.resourceRules).toEqual([{ verbs: ['get', 'list', 'create'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] }]);
    expect(rules.nonResourceRules).toEqual([{ verbs: ['get'], nonResourceURLs: ['/version', '/api', '/api/*'] }]);
    expect(rules.incomplete).toBe(false);
    expect(rules.evaluationError).toBe('role.rbac.authorization.k8s.io "gone" not found');
    expect(subjectRules(rbac, ana, 'kubedojo-ben').resourceRules).toEqual([]);
  });
});

describe('ClusterRole aggregation', () => {
  const roles = bootstrapClusterRoles();
  /** Runs aggregation until nothing changes, as the controller's repeated syncs do. */
  function settle(all: Obj[]): Obj[] {
    let current = structuredClone(all);
    for (let round = 0; round < 5; round++) {
      current = current.map((role) => (role.aggregationRule ? { ...role, rules: aggregatedRules(role, current) } : role));
    }
    return current;
  }
  const settled = settle(roles);
  const role = (name: string) => settled.find((r) => r.metadata.name === name)!;
  const can = (name: string, verb: string, group: string, res: string, subresource = '') =>
    role(name).rules.some((rule: PolicyRule) => ruleAllows(resource(verb, group, res, { subresource }), rule));

  it('view reads but never writes, and never reads secrets', () => {
    expect(can('view', 'list', 'apps', 'deployments')).toBe(true);
    expect(can('view', 'get', '', 'pods', 'log')).toBe(true);
    expect(can('view', 'create', 'apps', 'deployments')).toBe(false);
    expect(can('view', 'get', '', 'secrets')).toBe(false);
  });

  it('edit has view and the writes, but no RBAC', () => {
    expect(can('edit', 'list', 'apps', 'deployments')).toBe(true);
    expect(can('edit', 'update', 'apps', 'deployments', 'scale')).toBe(true);
    expect(can('edit', 'create', '', 'serviceaccounts', 'token')).toBe(true);
    expect(can('edit', 'create', RBAC, 'rolebindings')).toBe(false);
  });

  it('admin has edit plus roles and rolebindings', () => {
    expect(can('admin', 'create', RBAC, 'rolebindings')).toBe(true);
    expect(can('admin', 'delete', '', 'pods')).toBe(true);
    expect(can('admin', 'create', '', 'namespaces')).toBe(false);
  });

  it('takes the selected roles in name order, each rule once, and never itself', () => {
    const a = { verbs: ['get'], apiGroups: [''], resources: ['pods'] };
    const b = { verbs: ['list'], apiGroups: [''], resources: ['pods'] };
    const all: Obj[] = [
      { metadata: { name: 'agg', labels: { pick: 'true' } }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { pick: 'true' } }] }, rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] },
      { metadata: { name: 'zeta', labels: { pick: 'true' } }, rules: [a] },
      { metadata: { name: 'alpha', labels: { pick: 'true' } }, rules: [b, a] },
      { metadata: { name: 'other' }, rules: [{ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }] },
    ];
    expect(aggregatedRules(all[0]!, all)).toEqual([b, a]);
  });
});

describe('requestAttributes (RequestInfoFactory)', () => {
  const info = (method: string, path: string) => requestAttributes(method, new URL(path, 'https://sandbox'));
  it.each([
    ['GET', '/api/v1/namespaces/ns/pods', { verb: 'list', resource: 'pods', namespace: 'ns', name: '' }],
    ['GET', '/api/v1/namespaces/ns/pods?watch=true', { verb: 'watch', resource: 'pods', namespace: 'ns' }],
    ['GET', '/api/v1/namespaces/ns/pods?watch=false', { verb: 'list' }],
    ['GET', '/api/v1/watch/namespaces/ns/pods', { verb: 'watch', resource: 'pods', namespace: 'ns' }],
    ['GET', '/api/v1/namespaces/ns/pods?fieldSelector=metadata.name%3Dweb', { verb: 'list', name: 'web' }],
    ['GET', '/api/v1/namespaces/ns/pods/web/log', { verb: 'get', resource: 'pods', subresource: 'log', name: 'web' }],
    ['POST', '/api/v1/namespaces/ns/serviceaccounts/learner/token', { verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'learner' }],
    ['PUT', '/apis/apps/v1/namespaces/ns/deployments/web/scale', { verb: 'update', apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }],
    ['PATCH', '/apis/apps/v1/namespaces/ns/deployments/web', { verb: 'patch', apiGroup: 'apps', name: 'web' }],
    ['DELETE', '/api/v1/namespaces/ns/pods', { verb: 'deletecollection' }],
    ['DELETE', '/api/v1/namespaces/ns/pods/web', { verb: 'delete', name: 'web' }],
    ['POST', '/api/v1/namespaces', { verb: 'create', resource: 'namespaces', namespace: '' }],
    ['GET', '/api/v1/namespaces/ns', { verb: 'get', resource: 'namespaces', namespace: 'ns', name: 'ns' }],
    ['PUT', '/api/v1/namespaces/ns/finalize', { verb: 'update', resource: 'namespaces', subresource: 'finalize', name: 'ns' }],
    ['GET', '/api/v1/nodes', { verb: 'list', resource: 'nodes', namespace: '' }],
  ] as const)('%s %s', (method, path, expected) => {
    const attributes = info(method, path);
    expect(attributes.isResourceRequest).toBe(true);
    expect(attributes).toMatchObject(expected);
  });

  it.each([
    ['GET', '/version', 'get'],
    ['GET', '/api', 'get'],
    ['GET', '/apis/apps', 'get'],
    ['POST', '/healthz', 'post'],
  ])('%s %s is a non-resource request with verb %s', (method, path, verb) => {
    expect(info(method, path)).toMatchObject({ isResourceRequest: false, verb, path });
  });
});

describe('escalation: covers (component-helpers policy_comparator)', () => {
  // Imported here so the block reads on its own.
  const check = async () => (await import('../../../src/sandbox/auth/rbac/escalation.js')).covers;
  it.each([
    ['the same rule', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], 0],
    ['* verbs cover any', [{ verbs: ['*'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], 0],
    ['a missing verb', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get', 'delete'], apiGroups: [''], resources: ['pods'] }], 1],
    ['*/subresource covers pods/log', [{ verbs: ['get'], apiGroups: [''], resources: ['*/log'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }], 0],
    ['pods does not cover pods/log', [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }], 1],
    ['named access does not cover unnamed', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }], 1],
    ['unnamed covers named', [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'] }], [{ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'] }], 0],
    ['a URL prefix covers a URL', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }], 0],
    ['two groups, one held', [{ verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'] }], [{ verbs: ['get'], apiGroups: ['apps', 'extensions'], resources: ['deployments'] }], 1],
  ] as const)('%s', async (_name, owner, servant, missing) => {
    const covers = await check();
    expect(covers(owner as unknown as PolicyRule[], servant as unknown as PolicyRule[]).length).toBe(missing);
  });
});
