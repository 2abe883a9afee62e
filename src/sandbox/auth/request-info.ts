/**
 * The request attributes authorization decides on, parsed from method and URL exactly as
 * k8s.io/apiserver/pkg/endpoints/request/requestinfo.go's RequestInfoFactory does:
 *   /api/v1/namespaces/ns/pods            GET → list (watch with ?watch=true), POST → create, DELETE → deletecollection
 *   /apis/apps/v1/namespaces/ns/deployments/web/scale  PUT → update, subresource scale
 *   /api/v1/watch/pods                    → watch
 *   /version, /healthz …                  → non-resource, the verb is the lower-cased method
 */

export interface RequestAttributes {
  isResourceRequest: boolean;
  /** The URL path (non-resource requests are authorized on it). */
  path: string;
  verb: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const API_PREFIXES = new Set(['api', 'apis']);
const GROUPLESS_API_PREFIXES = new Set(['api']);
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const SPECIAL_VERBS_NO_SUBRESOURCES = new Set(['proxy']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** The strconv.ParseBool spellings of false. */
const PARSE_BOOL_FALSE = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);
const PARSE_BOOL_TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

export function requestAttributes(method: string, url: URL): RequestAttributes {
  const info: RequestAttributes = {
    isResourceRequest: false,
    path: url.pathname,
    verb: method.toLowerCase(),
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  };
  let parts = splitPath(url.pathname);
  if (parts.length < 3) return info;
  if (!API_PREFIXES.has(parts[0]!)) return info;
  const prefix = parts[0]!;
  parts = parts.slice(1);
  if (!GROUPLESS_API_PREFIXES.has(prefix)) {
    // One part (the prefix) is consumed: "do we have four parts?"
    if (parts.length < 3) return info;
    info.apiGroup = parts[0]!;
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0]!;
  parts = parts.slice(1);

  if (SPECIAL_VERBS.has(parts[0]!)) {
    if (parts.length < 2) return { ...info, isResourceRequest: false };
    info.verb = parts[0]!;
    parts = parts.slice(1);
  } else {
    info.verb = METHOD_VERBS[method.toUpperCase()] ?? '';
  }

  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      info.namespace = parts[1]!;
      // Another step after the namespace name that is not a namespace subresource is a resource.
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
    }
  }

  if (parts.length >= 3 && !SPECIAL_VERBS_NO_SUBRESOURCES.has(info.verb)) info.subresource = parts[2]!;
  if (parts.length >= 2) info.name = parts[1]!;
  if (parts.length >= 1) info.resource = parts[0]!;

  // No name and a get: a list, or a watch.
  if (info.name === '' && info.verb === 'get') {
    info.verb = watchRequested(url.searchParams) ? 'watch' : 'list';
    const name = exactNameSelector(url.searchParams.get('fieldSelector'));
    if (name !== undefined && isValidPathSegmentName(name)) info.name = name;
  }
  // No name and a delete: a deletecollection.
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}

const METHOD_VERBS: Record<string, string> = { POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** splitPath: the path trimmed of slashes, split on them; the root is no parts. */
function splitPath(path: string): string[] {
  const trimmed = decodePath(path).replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

/** Go's URL.Path is the decoded path; a malformed escape is left as it is (the router answers it). */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * ListOptions.Watch as the parameter codec decodes it; a value strconv.ParseBool refuses falls back
 * to "watch unless it says false or 0".
 */
function watchRequested(params: URLSearchParams): boolean {
  const values = params.getAll('watch');
  if (values.length === 0) return false;
  const value = values[0]!;
  if (PARSE_BOOL_TRUE.has(value)) return true;
  if (PARSE_BOOL_FALSE.has(value)) return false;
  const lower = value.toLowerCase();
  return lower !== 'false' && lower !== '0';
}

/** fields.Selector.RequiresExactMatch("metadata.name"): the name a `metadata.name=x` term pins. */
function exactNameSelector(selector: string | null): string | undefined {
  if (!selector) return undefined;
  for (const term of selector.split(',')) {
    const match = /^\s*metadata\.name\s*(==|=)\s*(.*?)\s*$/.exec(term);
    if (match) return match[2]!;
  }
  return undefined;
}

/** path.IsValidPathSegmentName */
function isValidPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !name.includes('/') && !name.includes('%');
}
