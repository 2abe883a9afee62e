/**
 * Who a request comes from (k8s.io/apiserver/pkg/authentication/user and .../serviceaccount): the
 * names and groups RBAC subjects match against.
 */

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const ALL_AUTHENTICATED = 'system:authenticated';
export const SYSTEM_PRIVILEGED_GROUP = 'system:masters';
const SA_PREFIX = 'system:serviceaccount:';

/** `system:serviceaccount:NS:NAME` */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** serviceaccount.MatchesUsername: the comparison RBAC makes for a ServiceAccount subject. */
export function matchesServiceAccountUsername(namespace: string, name: string, username: string): boolean {
  return username === serviceAccountUsername(namespace, name);
}

/** The namespace and name of a ServiceAccount user, or undefined for any other user. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const [namespace, name, ...rest] = username.slice(SA_PREFIX.length).split(':');
  if (!namespace || !name || rest.length > 0) return undefined;
  return { namespace, name };
}

/** A ServiceAccount's user, as the token authenticator builds it (serviceaccount.UserInfo). */
export function serviceAccountUser(namespace: string, name: string, uid: string, credentialId?: string): UserInfo {
  const user: UserInfo = {
    name: serviceAccountUsername(namespace, name),
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, ALL_AUTHENTICATED],
  };
  if (credentialId) user.extra = { 'authentication.kubernetes.io/credential-id': [credentialId] };
  return user;
}

/**
 * The sandbox's admin: minikube's client certificate says CN=minikube-user, O=system:masters; the
 * sandbox's bearer token stands for it.
 */
export const ADMIN_USER: UserInfo = { name: 'minikube-user', groups: [SYSTEM_PRIVILEGED_GROUP, ALL_AUTHENTICATED] };
