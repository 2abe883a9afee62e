/**
 * Authentication and authorization for the sandbox's API server, as kube-apiserver 1.32 does them.
 *
 * Public surface (what the server, the controllers and the workshop code use):
 * - `SandboxAuth` (this file): `authenticate(header)` → the request's user (the admin bearer token
 *   is `minikube-user` in `system:masters`; a ServiceAccount token from the TokenRequest API is
 *   `system:serviceaccount:NS:NAME` in `system:serviceaccounts`, `system:serviceaccounts:NS`,
 *   `system:authenticated`, valid until it expires on the sandbox's clock and while its
 *   ServiceAccount exists with the same uid); `impersonate(headers, user)` → who the request runs
 *   as after `kubectl --as`; `authorize(user, attributes)` → RBAC's decision;
 *   `rules(user, namespace)` → what a SelfSubjectRulesReview reports; `issueToken(...)`.
 * - `requestAttributes(method, url)` (request-info.ts): the RequestInfoFactory's verb, group,
 *   resource, subresource, namespace and name of a request.
 * - `forbidden(user, attributes, reason)` (forbidden.ts): the exact 403 Status kubectl prints.
 * - rbac/: `ruleAllows` and the other upstream matchers (evaluation.ts), `visitRulesFor` /
 *   `rulesFor` over any `RbacSource` (resolver.ts), `authorize` / `subjectRules` (authorizer.ts),
 *   `aggregatedRules` (aggregation.ts), the default ClusterRoles and bindings (bootstrap-policy.ts),
 *   `escalationRefusal` (escalation.ts): Roles and bindings grant nothing their writer lacks.
 * Everything here reads the store; nothing writes it.
 */
import type { ApiError, KubeObject } from '../api/status.js';
import type { IncomingHttpHeaders } from 'node:http';
import { impersonatedUser } from './impersonation.js';
import { findType, typeKey } from '../api/resources.js';
import type { SimClock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import { timingSafeEqual } from 'node:crypto';
import { authorizeVisited, subjectRules, type Decision, type SubjectRules } from './rbac/authorizer.js';
import { RuleCache } from './rbac/rule-cache.js';
import type { RbacSource } from './rbac/resolver.js';
import type { RequestAttributes } from './request-info.js';
import { API_AUDIENCES, ServiceAccountTokens, type IssuedToken } from './tokens.js';
import { ADMIN_USER, serviceAccountUser, type UserInfo } from './user.js';

export { requestAttributes, type RequestAttributes } from './request-info.js';
export { forbidden, forbiddenMessage, newForbidden } from './forbidden.js';
export { ADMIN_USER, serviceAccountUser, serviceAccountUsername, splitServiceAccountUsername, type UserInfo } from './user.js';
export { API_AUDIENCES, ISSUER } from './tokens.js';
export type { Decision, SubjectRules } from './rbac/authorizer.js';
export type { PolicyRule, Subject, RoleRef } from './rbac/evaluation.js';
export type { RbacSource } from './rbac/resolver.js';
export { aggregatedRules } from './rbac/aggregation.js';
export { escalationRefusal, type EscalationRefusal } from './rbac/escalation.js';
export { bootstrapClusterRoleBindings, bootstrapClusterRoles } from './rbac/bootstrap-policy.js';

const type = (group: string, plural: string) => {
  const found = findType(group, plural);
  if (!found) throw new Error(`resource table has no ${group}/${plural}`);
  return found;
};
export const SERVICE_ACCOUNTS = type('', 'serviceaccounts');
export const CLUSTER_ROLES = type('rbac.authorization.k8s.io', 'clusterroles');
export const CLUSTER_ROLE_BINDINGS = type('rbac.authorization.k8s.io', 'clusterrolebindings');
export const ROLES = type('rbac.authorization.k8s.io', 'roles');
export const ROLE_BINDINGS = type('rbac.authorization.k8s.io', 'rolebindings');

/** The four RBAC kinds as the store holds them. */
export function storeRbacSource(store: ObjectStore): RbacSource {
  return {
    clusterRoleBindings: () => store.list(CLUSTER_ROLE_BINDINGS).items,
    roleBindings: (namespace) => store.list(ROLE_BINDINGS, { namespace }).items,
    clusterRole: (name) => store.peek(CLUSTER_ROLES, undefined, name),
    role: (namespace, name) => store.peek(ROLES, namespace, name),
  };
}

export interface SandboxAuthOptions {
  store: ObjectStore;
  clock: SimClock;
  /** The admin's bearer token (the sandbox's kubeconfig holds it). */
  adminToken: string;
  /** The ServiceAccount token signing key; a saved sandbox keeps it, so issued tokens survive restarts. */
  signingKey: Buffer;
}

export class SandboxAuth {
  readonly rbac: RbacSource;
  private readonly tokens: ServiceAccountTokens;
  private readonly adminToken: Buffer;
  private readonly ruleCache: RuleCache;
  private readonly stopWatchingPolicy: () => void;

  constructor(private readonly options: SandboxAuthOptions) {
    this.rbac = storeRbacSource(options.store);
    this.tokens = new ServiceAccountTokens(options.signingKey, options.clock);
    this.adminToken = Buffer.from(options.adminToken);
    // Each request's rules come from the cache; any change to the four RBAC kinds empties it.
    this.ruleCache = new RuleCache(this.rbac);
    const policyKinds = new Set([CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, ROLES, ROLE_BINDINGS].map(typeKey));
    this.stopWatchingPolicy = options.store.subscribe((event) => {
      if (policyKinds.has(event.typeKey)) this.ruleCache.invalidate();
    });
  }

  /** Stops following the store (the sandbox stops). */
  close(): void {
    this.stopWatchingPolicy();
  }

  /** The user of an `Authorization` header, or undefined (401) for none, a wrong or an expired token. */
  authenticate(header: string | undefined): UserInfo | undefined {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) return undefined;
    const token = match[1]!.trim();
    const given = Buffer.from(token);
    if (given.length === this.adminToken.length && timingSafeEqual(given, this.adminToken)) return ADMIN_USER;
    const verified = this.tokens.verify(token);
    if (!verified) return undefined;
    // A token outlives nothing: its ServiceAccount must still exist, as the same object.
    const account = this.options.store.peek(SERVICE_ACCOUNTS, verified.namespace, verified.name);
    if (!account || account.metadata.uid !== verified.uid || account.metadata.deletionTimestamp) return undefined;
    return serviceAccountUser(verified.namespace, verified.name, verified.uid, `JTI=${verified.id}`);
  }

  /** The user a request runs as after its Impersonate-* headers (impersonation.ts), or the 403. */
  impersonate(headers: IncomingHttpHeaders, user: UserInfo): UserInfo | ApiError {
    return impersonatedUser(headers, user, (who, attributes) => this.authorize(who, attributes));
  }

  authorize(user: UserInfo, attributes: RequestAttributes): Decision {
    return authorizeVisited(this.ruleCache.visited(user, attributes.namespace), user, attributes);
  }

  rules(user: UserInfo, namespace: string): SubjectRules {
    return subjectRules(this.rbac, user, namespace);
  }

  /** A token for a stored ServiceAccount (the TokenRequest API). */
  issueToken(account: KubeObject, expirationSeconds: number, audiences: string[] = API_AUDIENCES): IssuedToken {
    return this.tokens.issue({
      namespace: account.metadata.namespace,
      name: account.metadata.name,
      uid: account.metadata.uid,
      expirationSeconds,
      audiences,
    });
  }
}
