/**
 * Turns an API path into what it addresses, as k8s.io/apiserver's RequestInfoFactory does:
 * `/apis/apps/v1/namespaces/shop/deployments/web/scale` → apps/v1, namespace shop, deployments, web, scale.
 */
import { badRequest } from '../api/status.js';
import { findType, type ResourceType } from '../api/resources.js';

export interface ResourceRoute {
  kind: 'resource';
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The legacy `/watch/` path prefix. */
  watchPrefix: boolean;
}

export type Route =
  | ResourceRoute
  | { kind: 'discovery'; group: string; version?: string }
  | { kind: 'unknown-resource'; group: string; version: string; resource: string }
  | { kind: 'not-found' };

export function parseApiPath(pathname: string): Route {
  const parts = pathname.split('/').filter((p) => p !== '').map((part) => unescapeSegment(pathname, part));
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? '';
    version = parts[2];
    rest = parts.slice(3);
    if (!group) return { kind: 'discovery', group: '*' };
  } else {
    return { kind: 'not-found' };
  }
  if (!version) return { kind: 'discovery', group };
  if (rest.length === 0) return { kind: 'discovery', group, version };

  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }
  let namespace: string | undefined;
  // `namespaces/<ns>/<resource>…` addresses a namespaced resource; `namespaces/<name>[/status]`
  // addresses the Namespace object itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource, ...extra] = rest;
  if (extra.length > 0) return { kind: 'not-found' };
  const type = findType(group, resource);
  if (!type || type.version !== version) return { kind: 'unknown-resource', group, version, resource };
  if (namespace !== undefined && !type.namespaced) return { kind: 'not-found' };
  if (subresource && !type.subresources?.[subresource]) return { kind: 'not-found' };
  return { kind: 'resource', type, namespace, name, subresource, watchPrefix };
}

/**
 * A path segment with its percent-escapes decoded. Go's net/http refuses a request whose path
 * holds a malformed escape with a 400 before any handler runs; here it is the same 400, never the
 * URIError's 500 (issue #7).
 */
export function unescapeSegment(pathname: string, segment: string): string {
  const malformed = /%(?![0-9a-fA-F]{2})[^/]{0,2}/.exec(segment);
  if (malformed) throw badRequest(`parse "${pathname}": invalid URL escape "${malformed[0]}"`);
  try {
    return decodeURIComponent(segment);
  } catch {
    // Well-formed escapes of bytes that are not UTF-8: Go keeps the bytes, and no name matches them.
    const bytes = segment.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
}
