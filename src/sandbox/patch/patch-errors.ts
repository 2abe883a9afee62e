/**
 * The errors kube-apiserver answers a bad PATCH with, by patch type.
 * Sources: k8s.io/apiserver/pkg/endpoints/handlers/patch.go (v0.32), k8s.io/apimachinery/pkg/util/mergepatch/errors.go,
 * gopkg.in/evanphx/json-patch.v4 and k8s.io/apimachinery/pkg/api/errors/errors.go.
 */
import { ApiError, badRequest, invalid } from '../api/status.js';
import { goString, goTypeString, goValue, jsonValueKind } from './go-format.js';

/**
 * The 415 of a patch Content-Type the endpoint does not consume
 * (endpoints/handlers/negotiation.NewUnsupportedMediaTypeError), listing the types it does:
 * installer.go registers all of them for built-in kinds, apiextensions' crdHandler all but strategic merge.
 */
export function unsupportedPatchType(accepted: readonly string[]): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/**
 * The 400 of a body kjson cannot decode into what the patch type needs, e.g. an SMP that is not an
 * object. The JSON patchers prefix it with `error decoding patch: `.
 */
export function undecodablePatch(value: unknown, into: string, prefix = ''): ApiError {
  return badRequest(`${prefix}json: cannot unmarshal ${jsonValueKind(value)} into ${into}`);
}

/**
 * errors.NewGenericServerResponse(422, ...) as handlers/patch.go builds it for a JSON patch that does not
 * apply and for lists of lists in a strategic merge: the underlying message is dropped, the details are empty.
 */
export function genericUnprocessable(): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

/** The 413 for a JSON patch of more than maxJSONPatchOperations operations. */
export function tooManyOperations(max: number, got: number): ApiError {
  return new ApiError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: The allowed maximum operations in a JSON patch is ${max}, got ${got}`,
  );
}

/**
 * The 422 of a patched document that no longer decodes into an object (the `patch` field error of
 * jsonPatcher.applyPatchToCurrentObject). `detail` is the decoder's error text.
 */
export function undecodableResult(patchedJson: string, detail: string): ApiError {
  return invalid('', '', '', [
    { type: 'FieldValueInvalid', field: 'patch', detail: `Invalid value: ${JSON.stringify(patchedJson)}: ${detail}` },
  ]);
}

// Strategic merge patch. interpretStrategicMergePatchError maps a few mergepatch sentinels to 400 (and
// lists of lists to 422); every other error is a plain Go error, which responsewriters.ErrorToAPIStatus
// turns into a 500 with no reason: kubectl prints it as `Error from server: <message>`.

export function smpFailure(message: string): ApiError {
  return new ApiError(500, '', message);
}

export const errBadPatchFormatForPrimitiveList = (): ApiError => badRequest('invalid patch format of primitive list');
export const errBadPatchFormatForRetainKeys = (): ApiError => badRequest('invalid patch format of retainKeys');
export const errBadPatchFormatForSetElementOrderList = (): ApiError =>
  badRequest('invalid patch format of setElementOrder list');

/** mergepatch.ErrNoListOfLists */
export const errNoListOfLists = genericUnprocessable;

/** mergepatch.ErrNoMergeKey */
export function errNoMergeKey(map: unknown, mergeKey: string): ApiError {
  return smpFailure(`map: ${goValue(map)} does not contain declared merge key: ${mergeKey}`);
}

/** mergepatch.ErrBadArgType, `expected` being the Go type the code asserted. */
export function errBadArgType(expected: '[]interface {}' | 'map[string]interface {}', actual: unknown): ApiError {
  return smpFailure(`expected a ${expected}, but received a ${goTypeString(actual)}`);
}

/** mergepatch.ErrBadPatchType: a `$patch` directive with an unknown value. */
export function errBadPatchType(directive: unknown, map: unknown): ApiError {
  return smpFailure(`unknown patch type: ${goString(directive)} in map: ${goValue(map)}`);
}

/**
 * The reply to a request whose handler panicked (server/filters WithPanicRecovery), as for a merging
 * list that starts with null (sliceElementType calls Kind() on the nil type).
 */
export function handlerPanicked(): ApiError {
  return new ApiError(500, 'InternalError', 'This request caused apiserver to panic. Look in the logs for details.');
}
