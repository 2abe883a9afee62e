/**
 * Reads request bodies sent as `Content-Type: application/vnd.kubernetes.protobuf`, which kubectl
 * uses for the typed-client commands (`kubectl create deployment|namespace|service|...`, drain's
 * pod deletions) and never retries as JSON. The sandbox answers in JSON, which client-go accepts, so
 * decoding is all it needs.
 *
 * Wire format (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the 4 bytes `k8s\0`, then a
 * `runtime.Unknown` whose typeMeta names the kind and whose `raw` is the object's own encoding.
 */
import { badRequest, type ApiError, type KubeObject } from '../api/status.js';
import { messageNameFor } from './kinds.js';
import { messageType } from './schema.js';
import { messageToJson, UnrepresentableValue } from './to-json.js';

const MAGIC = Buffer.from('k8s\0', 'latin1');
const ENVELOPE = 'k8s.io.apimachinery.pkg.runtime.Unknown';
/** The scheme kube-apiserver names in "no kind is registered" errors. */
const SCHEME = 'pkg/api/legacyscheme/scheme.go:30';

interface TypeMeta {
  apiVersion: string;
  kind: string;
}

/**
 * The object in a protobuf request body, exactly as the JSON API represents it: the JSON kubectl
 * would have sent for the same object, minus Go's `null`s (e.g. `creationTimestamp: null`).
 *
 * `into` is the kind the endpoint stores (`Deployment` for POST .../deployments); it only shapes
 * error messages the way kube-apiserver's create/update handlers do. Every failure is a 400
 * BadRequest ApiError.
 */
export function decodeProtobufObject(body: Buffer, into?: string): KubeObject {
  const fail = (reason: string, typeMeta?: TypeMeta): ApiError => decodeError(reason, body, typeMeta, into);

  // The checks and texts of the protobuf serializer's Decode.
  if (body.length === 0) throw fail('empty data');
  if (body.length < MAGIC.length || !body.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw fail(`provided data does not appear to be a protobuf message, expected prefix [${[...MAGIC].join(' ')}]`);
  }
  if (body.length === MAGIC.length) throw fail('empty body');

  let envelope: { typeMeta?: Partial<TypeMeta>; raw?: Uint8Array };
  try {
    envelope = messageType(ENVELOPE).decode(body.subarray(MAGIC.length)) as typeof envelope;
  } catch (error) {
    throw fail(wireErrorReason(error));
  }
  const typeMeta = { apiVersion: envelope.typeMeta?.apiVersion ?? '', kind: envelope.typeMeta?.kind ?? '' };
  if (!typeMeta.kind) throw fail(`Object 'Kind' is missing in '${goSyntax(typeMeta)}'`, typeMeta);
  if (!typeMeta.apiVersion) throw fail(`Object 'apiVersion' is missing in '${goSyntax(typeMeta)}'`, typeMeta);

  const messageName = messageNameFor(typeMeta.apiVersion, typeMeta.kind);
  if (!messageName) {
    throw fail(`no kind "${typeMeta.kind}" is registered for version "${typeMeta.apiVersion}" in scheme "${SCHEME}"`, typeMeta);
  }
  try {
    const type = messageType(messageName);
    const object = messageToJson(type, type.decode(envelope.raw ?? new Uint8Array()));
    return { kind: typeMeta.kind, apiVersion: typeMeta.apiVersion, ...object };
  } catch (error) {
    throw fail(wireErrorReason(error), typeMeta);
  }
}

/** kube-apiserver's transformDecodeError (apiserver/pkg/endpoints/handlers/rest.go). */
function decodeError(reason: string, body: Buffer, typeMeta: TypeMeta | undefined, into: string | undefined): ApiError {
  if (!into) return badRequest(reason);
  if (typeMeta?.kind) {
    const version = typeMeta.apiVersion.slice(typeMeta.apiVersion.lastIndexOf('/') + 1);
    return badRequest(`${typeMeta.kind} in version "${version}" cannot be handled as a ${into}: ${reason}`);
  }
  return badRequest(`the object provided is unrecognized (must be of type ${into}): ${reason} (${summarize(body)})`);
}

/** summarizeData from the same file: the first 30 bytes, in hex unless the body looks like JSON. */
function summarize(body: Buffer): string {
  const limit = 30;
  const head = body.subarray(0, limit);
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > limit ? `${text} ...` : text;
}

/** `runtime.TypeMeta{APIVersion:"v1", Kind:""}`, as Go's %#v prints it in missing-kind errors. */
function goSyntax(typeMeta: TypeMeta): string {
  return `runtime.TypeMeta{APIVersion:${JSON.stringify(typeMeta.apiVersion)}, Kind:${JSON.stringify(typeMeta.kind)}}`;
}

/** The nearest text gogo-protobuf's generated Unmarshal gives for what protobufjs rejected. */
function wireErrorReason(error: unknown): string {
  if (error instanceof UnrepresentableValue) return error.message;
  if (error instanceof RangeError && error.message.startsWith('index out of range')) return 'unexpected EOF';
  const message = error instanceof Error ? error.message : String(error);
  const wireType = /invalid wire type (\d+)/.exec(message);
  if (wireType) return `proto: illegal wireType ${wireType[1]}`;
  return `proto: ${message}`;
}
