/**
 * The documents that do not depend on stored objects (/version, discovery, OpenAPI v3), as the JSON
 * text they are sent as. Every kubectl process asks for some of them, and in a workshop room 40
 * learners' first commands ask for all of them at once; building and hashing them per request
 * (`/openapi/v3` hashes every group-version's document) cost more than the rest of the request.
 * They are built once per path, on first use; only paths that have a document are kept, so the
 * map is bounded by the served group-versions whatever paths clients send.
 */
import type { KubeObject } from '../api/status.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, openApiV3Document, openApiV3Root, SERVER_VERSION } from './discovery.js';

const texts = new Map<string, string>();

/** The document served at `path` (no trailing slash), built anew; undefined when the path has none. */
export function fixedDocument(path: string): KubeObject | undefined {
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return apiVersions();
  if (path === '/apis') return apiGroupList();
  if (path === '/openapi/v3') return openApiV3Root();
  let m = /^\/api\/(v1)$/.exec(path);
  if (m) return apiResourceList('', m[1]!);
  m = /^\/apis\/([^/]+)$/.exec(path);
  if (m) return apiGroup(m[1]!);
  m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) return apiResourceList(m[1]!, m[2]!);
  m = /^\/openapi\/v3\/apis\/([^/]+)\/([^/]+)$/.exec(path) ?? /^\/openapi\/v3\/api\/(v1)$/.exec(path);
  if (m) return m.length === 3 ? openApiV3Document(m[1]!, m[2]!) : openApiV3Document('', m[1]!);
  return undefined;
}

/** `fixedDocument(path)` as JSON text, built once per path. */
export function fixedDocumentJson(path: string): string | undefined {
  const known = texts.get(path);
  if (known !== undefined) return known;
  const document = fixedDocument(path);
  if (document === undefined) return undefined;
  const text = JSON.stringify(document);
  texts.set(path, text);
  return text;
}

/** How many paths' texts are kept (tests: unknown paths add none). */
export function fixedDocumentsKept(): number {
  return texts.size;
}
