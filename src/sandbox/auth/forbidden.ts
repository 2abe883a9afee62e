/**
 * The 403 an unauthorized request gets: responsewriters.Forbidden (k8s.io/apiserver/pkg/endpoints/
 * handlers/responsewriters/errors.go) wrapped in apierrors.NewForbidden, so kubectl prints
 * `Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:kubedojo-ana:learner"
 * cannot list resource "pods" in API group "" in the namespace "kubedojo-ben"`.
 */
import { ApiError } from '../api/status.js';
import type { RequestAttributes } from './request-info.js';
import type { UserInfo } from './user.js';
import { goQuote } from './rbac/evaluation.js';

/** forbiddenMessage */
export function forbiddenMessage(user: UserInfo | undefined, attributes: RequestAttributes): string {
  const username = goQuote(user?.name ?? '');
  if (!attributes.isResourceRequest) return `User ${username} cannot ${attributes.verb} path ${goQuote(attributes.path)}`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const what = `User ${username} cannot ${attributes.verb} resource ${goQuote(resource)} in API group ${goQuote(attributes.apiGroup)}`;
  return attributes.namespace ? `${what} in the namespace ${goQuote(attributes.namespace)}` : `${what} at the cluster scope`;
}

/** Forbidden: the message, `: reason` when the authorizer gave one, as a NewForbidden Status. */
export function forbidden(user: UserInfo | undefined, attributes: RequestAttributes, reason: string): ApiError {
  const message = forbiddenMessage(user, attributes);
  const error = reason ? `${message}: ${reason}` : message;
  return newForbidden(attributes.isResourceRequest ? attributes.resource : '', attributes.apiGroup, attributes.name, error);
}

/** apierrors.NewForbidden(groupResource, name, err) */
export function newForbidden(resource: string, group: string, name: string, error: string): ApiError {
  const qualified = resource ? (group ? `${resource}.${group}` : resource) : '';
  let message: string;
  if (!qualified && !group) message = `forbidden: ${error}`;
  else if (!name) message = `${qualified} is forbidden: ${error}`;
  else message = `${qualified} ${goQuote(name)} is forbidden: ${error}`;
  const details: { name?: string; group?: string; kind?: string } = {};
  if (name) details.name = name;
  if (group) details.group = group;
  if (resource) details.kind = resource;
  return new ApiError(403, 'Forbidden', message, details);
}
