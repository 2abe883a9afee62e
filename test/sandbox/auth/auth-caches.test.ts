/**
 * The sandbox's two per-request caches (issue 10's room figures): the RBAC walk kept per (user,
 * namespace) until a Role, ClusterRole or binding changes, and verified ServiceAccount tokens. A
 * cached answer must be the uncached one, a policy change must show on the next request, and a
 * cached token must still expire and still die with its ServiceAccount.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLUSTER_ROLE_BINDINGS, ROLE_BINDINGS, ROLES, SandboxAuth, SERVICE_ACCOUNTS, serviceAccountUser } from '../../../src/sandbox/auth/index.js';
import { authorize, authorizeVisited } from '../../../src/sandbox/auth/rbac/authorizer.js';
import { RuleCache } from '../../../src/sandbox/auth/rbac/rule-cache.js';
import type { RbacSource } from '../../../src/sandbox/auth/rbac/resolver.js';
import type { RequestAttributes } from '../../../src/sandbox/auth/request-info.js';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { SimClock } from '../../../src/sandbox/clock.js';
import { ObjectStore } from '../../../src/sandbox/store/object-store.js';

const RBAC = 'rbac.authorization.k8s.io';
const attributes = (verb: string, resource: string, namespace: string, extra: Partial<RequestAttributes> = {}): RequestAttributes => ({
  isResourceRequest: true,
  path: '',
  verb,
  apiGroup: resource === 'deployments' ? 'apps' : '',
  apiVersion: 'v1',
  namespace,
  resource,
  subresource: '',
  name: '',
  ...extra,
});

const role = { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: { name: 'learner', namespace: 'kubedojo-ana' }, rules: [{ verbs: ['get', 'list', 'create'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] }] };
const binding = {
  apiVersion: `${RBAC}/v1`,
  kind: 'RoleBinding',
  metadata: { name: 'learner', namespace: 'kubedojo-ana' },
  roleRef: { apiGroup: RBAC, kind: 'Role', name: 'learner' },
  subjects: [{ kind: 'ServiceAccount', name: 'learner', namespace: 'kubedojo-ana' }],
};
const dangling = { ...binding, metadata: { name: 'dangling', namespace: 'kubedojo-ana' }, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'gone' } };

afterEach(() => vi.useRealTimers());

describe('RuleCache', () => {
  const ana = serviceAccountUser('kubedojo-ana', 'learner', 'uid-1');
  const objects = { roles: [role], roleBindings: [dangling, binding] } as { roles: KubeObject[]; roleBindings: KubeObject[] };
  const rbac: RbacSource = {
    clusterRoleBindings: () => [],
    roleBindings: (namespace) => objects.roleBindings.filter((b) => b.metadata.namespace === namespace),
    clusterRole: () => undefined,
    role: (namespace, name) => objects.roles.find((r) => r.metadata.namespace === namespace && r.metadata.name === name),
  };

  it.each([
    ['an allowed verb in the namespace', attributes('create', 'deployments', 'kubedojo-ana')],
    ['a verb the Role lacks (with the dangling binding’s error)', attributes('delete', 'pods', 'kubedojo-ana')],
    ['another namespace', attributes('list', 'pods', 'kubedojo-ben')],
    ['the cluster scope', attributes('list', 'pods', '')],
  ])('decides %s as the walk does', (_what, request) => {
    const cache = new RuleCache(rbac);
    const expected = authorize(rbac, ana, request);
    expect(authorizeVisited(cache.visited(ana, request.namespace), ana, request)).toEqual(expected);
    // And again from the cache.
    expect(authorizeVisited(cache.visited(ana, request.namespace), ana, request)).toEqual(expected);
  });

  it('walks once per user and namespace until invalidated', () => {
    const counted = { ...rbac, roleBindings: vi.fn(rbac.roleBindings) };
    const cache = new RuleCache(counted);
    cache.visited(ana, 'kubedojo-ana');
    cache.visited(ana, 'kubedojo-ana');
    expect(counted.roleBindings).toHaveBeenCalledTimes(1);
    // Another user with the same name but other groups is another key.
    cache.visited({ ...ana, groups: ['system:authenticated'] }, 'kubedojo-ana');
    expect(counted.roleBindings).toHaveBeenCalledTimes(2);
    cache.invalidate();
    cache.visited(ana, 'kubedojo-ana');
    expect(counted.roleBindings).toHaveBeenCalledTimes(3);
  });
});

describe('SandboxAuth over a store', () => {
  function setup() {
    const store = new ObjectStore();
    const auth = new SandboxAuth({ store, clock: new SimClock(1), adminToken: 'admin-token-of-this-test', signingKey: Buffer.alloc(32, 7) });
    return { store, auth };
  }

  it('sees a RoleBinding created, changed and deleted on the next request', () => {
    const { store, auth } = setup();
    const ana = serviceAccountUser('kubedojo-ana', 'learner', 'uid-1');
    const create = attributes('create', 'deployments', 'kubedojo-ana');
    expect(auth.authorize(ana, create).allowed).toBe(false);
    store.create(ROLES, role);
    store.create(ROLE_BINDINGS, binding);
    expect(auth.authorize(ana, create)).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "learner/kubedojo-ana" of Role "learner" to ServiceAccount "learner/kubedojo-ana"' });
    const stored = store.peek(ROLE_BINDINGS, 'kubedojo-ana', 'learner')!;
    store.update(ROLE_BINDINGS, { ...stored, subjects: [{ kind: 'ServiceAccount', name: 'someone-else', namespace: 'kubedojo-ana' }] });
    expect(auth.authorize(ana, create).allowed).toBe(false);
    store.update(ROLE_BINDINGS, { ...store.peek(ROLE_BINDINGS, 'kubedojo-ana', 'learner')!, subjects: binding.subjects });
    expect(auth.authorize(ana, create).allowed).toBe(true);
    store.remove(ROLE_BINDINGS, 'kubedojo-ana', 'learner');
    expect(auth.authorize(ana, create).allowed).toBe(false);
    // A ClusterRoleBinding to a group the user is in counts too.
    store.create(CLUSTER_ROLE_BINDINGS, { apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'all' }, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'missing' }, subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'system:serviceaccounts' }] });
    expect(auth.authorize(ana, create)).toEqual({ allowed: false, reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found' });
  });

  it('keeps a verified token, but not past its expiry nor its ServiceAccount', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T10:00:00Z'));
    const { store, auth } = setup();
    const account = store.create(SERVICE_ACCOUNTS, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'learner', namespace: 'kubedojo-ana' } });
    const { token } = auth.issueToken(account, 600);
    const header = `Bearer ${token}`;
    expect(auth.authenticate(header)?.name).toBe('system:serviceaccount:kubedojo-ana:learner');
    // A forged signature on the same claims is refused though the real token is cached.
    expect(auth.authenticate(`${header.slice(0, -2)}xx`)).toBeUndefined();
    vi.setSystemTime(new Date('2026-12-07T10:10:00Z'));
    expect(auth.authenticate(header)).toBeUndefined();
    vi.setSystemTime(new Date('2026-12-07T10:05:00Z'));
    const fresh = auth.issueToken(account, 600);
    expect(auth.authenticate(`Bearer ${fresh.token}`)?.name).toBe('system:serviceaccount:kubedojo-ana:learner');
    store.remove(SERVICE_ACCOUNTS, 'kubedojo-ana', 'learner');
    expect(auth.authenticate(`Bearer ${fresh.token}`)).toBeUndefined();
  });
});
