/**
 * Content negotiation: what the client wants back (JSON, a Table, YAML) and how to read what it sent
 * (JSON, YAML, protobuf, patches), with the apiserver's answers for anything else.
 */
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest, type KubeObject } from '../api/status.js';
import { decodeProtobufObject } from '../protobuf/index.js';
import { checkBodyDepth } from './body-depth.js';

export type ResponseFormat = 'json' | 'table' | 'table-v1beta1' | 'yaml';

export const isTable = (format: ResponseFormat) => format === 'table' || format === 'table-v1beta1';

/**
 * The first acceptable clause wins. kubectl get sends
 * `application/json;as=Table;v=v1;g=meta.k8s.io, application/json;as=Table;v=v1beta1;…, application/json`.
 */
export function responseFormat(accept: string | undefined): ResponseFormat {
  if (!accept) return 'json';
  for (const clause of accept.split(',')) {
    const [media = '', ...params] = clause.split(';').map((s) => s.trim());
    const p = Object.fromEntries(params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]));
    if (media === 'application/json' && p.as === 'Table' && p.g === 'meta.k8s.io' && p.v === 'v1') return 'table';
    if (media === 'application/json' && p.as === 'Table' && p.g === 'meta.k8s.io' && p.v === 'v1beta1') return 'table-v1beta1';
    if (media === 'application/json' && !p.as) return 'json';
    if (media === 'application/yaml') return 'yaml';
    if (media === '*/*' || media === 'application/*') return 'json';
    // Protobuf answers are not produced: the client lists JSON as well and decodes what it gets.
  }
  return 'json';
}

export const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

/** The media type without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Decodes a create/update body. JSON syntax errors read like the apiserver's
 * (`couldn't get version/kind; json parse error: …`).
 */
export function decodeObjectBody(body: Buffer, contentType: string | undefined): KubeObject {
  const media = mediaType(contentType) || 'application/json';
  let object: KubeObject;
  if (media === 'application/vnd.kubernetes.protobuf') object = decodeProtobufObject(body);
  else if (media === 'application/yaml') object = parseYamlBody(body);
  else if (media === 'application/json') object = parseJsonBody(body);
  else throw unsupported(media);
  checkBodyDepth(object, "couldn't get version/kind; json parse error: ");
  return object;
}

/** Decodes a PATCH body: JSON for every patch type (a JSON patch is an array). */
export function decodePatchBody(body: Buffer, contentType: string | undefined): { patchType: string; patch: unknown } {
  const media = mediaType(contentType);
  if (!PATCH_TYPES.includes(media)) {
    if (media === 'application/apply-patch+yaml') {
      throw new ApiError(415, 'UnsupportedMediaType', 'server-side apply is not available in the kubedojo sandbox: use kubectl apply without --server-side');
    }
    throw unsupported(media);
  }
  const text = body.toString('utf8');
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (error) {
    throw badRequest(`error decoding patch: ${jsonErrorText(error, text)}`);
  }
  checkBodyDepth(patch, 'error decoding patch: ');
  return { patchType: media, patch };
}

function parseJsonBody(body: Buffer): KubeObject {
  const text = body.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest(`couldn't get version/kind; json parse error: ${jsonErrorText(error, text)}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  return parsed as KubeObject;
}

function parseYamlBody(body: Buffer): KubeObject {
  let parsed: unknown;
  try {
    parsed = parseYaml(body.toString('utf8'));
  } catch (error) {
    throw badRequest(`error converting YAML to JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest("Object 'Kind' is missing in the request body");
  return parsed as KubeObject;
}

/** Go's encoding/json wording for the common syntax errors. */
function jsonErrorText(error: unknown, text: string): string {
  if (text.trim() === '') return 'unexpected end of JSON input';
  const message = (error as Error).message;
  const token = /Unexpected token '?(.)'?/.exec(message);
  if (token) return `invalid character '${token[1]}' looking for beginning of value`;
  if (/end of (JSON )?input|Unterminated/i.test(message)) return 'unexpected end of JSON input';
  return message;
}

function unsupported(media: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf${media.includes('patch') ? ', application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json' : ''}`,
  );
}
