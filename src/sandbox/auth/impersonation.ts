/**
 * Impersonation (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): `kubectl --as=USER
 * --as-group=G` sends Impersonate-User / Impersonate-Group headers; the requester must be allowed
 * to `impersonate` each (users, groups, or the ServiceAccount by name in its namespace), and the
 * request then runs as that user. So an instructor's `kubectl auth can-i list pods
 * --as=system:serviceaccount:kubedojo-ana:learner` answers for the learner, not for the admin.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiError } from '../api/status.js';
import { forbidden } from './forbidden.js';
import type { RequestAttributes } from './request-info.js';
import { ALL_AUTHENTICATED, splitServiceAccountUsername, type UserInfo } from './user.js';

export type Authorize = (user: UserInfo, attributes: RequestAttributes) => { allowed: boolean; reason: string };

const headerValues = (headers: IncomingHttpHeaders, name: string): string[] => {
  const value = headers[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter((v) => v !== '');
};

/** The user a request runs as: `user` itself, the impersonated one, or a Forbidden to answer. */
export function impersonatedUser(headers: IncomingHttpHeaders, user: UserInfo, authorize: Authorize): UserInfo | ApiError {
  const names = headerValues(headers, 'impersonate-user');
  const groups = headerValues(headers, 'impersonate-group');
  if (names.length === 0) return user;
  const name = names[0]!;
  const attributes = (resource: string, target: string, namespace = ''): RequestAttributes => ({
    isResourceRequest: true,
    path: '',
    verb: 'impersonate',
    apiGroup: '',
    apiVersion: '',
    namespace,
    resource,
    subresource: '',
    name: target,
  });
  const account = splitServiceAccountUsername(name);
  const checks = [account ? attributes('serviceaccounts', account.name, account.namespace) : attributes('users', name), ...groups.map((group) => attributes('groups', group))];
  for (const check of checks) {
    const decision = authorize(user, check);
    if (!decision.allowed) return forbidden(user, check, decision.reason);
  }
  const impersonatedGroups = groups.length > 0 || !account ? [...groups] : ['system:serviceaccounts', `system:serviceaccounts:${account.namespace}`];
  if (!impersonatedGroups.includes(ALL_AUTHENTICATED) && name !== 'system:anonymous') impersonatedGroups.push(ALL_AUTHENTICATED);
  return { name, groups: impersonatedGroups };
}
