/**
 * `metav1.Status` errors, shaped exactly like kube-apiserver's so kubectl prints the same text
 * (`Error from server (NotFound): deployments.apps "x" not found`).
 * See k8s.io/apimachinery/pkg/api/errors/errors.go for the originals.
 */

/** A JSON object as the API serves it: deliberately loose, the schema lives in validation. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type KubeObject = Record<string, any>;

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): KubeObject {
    const status: KubeObject = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

/** `deployments.apps` for a group resource, `pods` for the core group. */
export function qualifiedResource(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

export function notFound(resource: string, group: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${qualifiedResource(resource, group)} "${name}" not found`, {
    name,
    group: group || undefined,
    kind: resource,
  });
}

export function alreadyExists(resource: string, group: string, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${qualifiedResource(resource, group)} "${name}" already exists`, {
    name,
    group: group || undefined,
    kind: resource,
  });
}

export function conflict(resource: string, group: string, name: string, why: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(resource, group)} "${name}": ${why}`,
    { name, group: group || undefined, kind: resource },
  );
}

/** The optimistic-concurrency conflict text of the real registry. */
export function staleUpdate(resource: string, group: string, name: string): ApiError {
  return conflict(
    resource,
    group,
    name,
    'the object has been modified; please apply your changes to the latest version and try again',
  );
}

export interface FieldError {
  /** `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`, `FieldValueDuplicate`, `FieldValueForbidden` */
  type: string;
  field: string;
  /** The part after the field path, e.g. `Required value` or `Invalid value: "x": must be ...`. */
  detail: string;
}

/** 422 Invalid, with the aggregated message kube-apiserver builds from field errors. */
export function invalid(kind: string, group: string, name: string, errors: FieldError[]): ApiError {
  const messages = errors.map((e) => `${e.field}: ${e.detail}`);
  const joined = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${joined}`, {
    name,
    group: group || undefined,
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.detail, field: e.field })),
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}


export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function gone(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

export function tooLarge(): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
}

export function internal(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}
