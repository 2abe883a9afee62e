/**
 * Admission for the sandbox apiserver: the decoder's strict field checks and defaulting, the
 * registry strategies, the default mutating plugins for Pods and each kind's validation, all ported
 * from Kubernetes 1.32. The server chains them as kube-apiserver does:
 * decodeBody/findUnknownFields → defaultObject → prepareFor* → (admitPodCreate) → validate* → toWire.
 */
export { defaultObject } from './defaults/index.js';
export { validateCreate, validateUpdate, validateStatusUpdate } from './validation/index.js';
export { toApiError, type FieldError } from './field-errors.js';
export {
  decodeBody,
  decodeFailure,
  findDecodeError,
  findUnknownFields,
  goMapString,
  patchStrictFailure,
  strictDecodingError,
  unknownFieldMessages,
  type BodyDecodeReport,
} from './strict.js';
export { prepareForCreate, prepareForStatusUpdate, prepareForUpdate, type StrategyHooks } from './strategy.js';
export { admitPodCreate, SERVICE_ACCOUNT_MOUNT_PATH, type PodAdmissionOptions } from './pod-admission.js';
export { podQOSClass } from './pod-qos.js';
export { toWire } from './wire.js';
export { canonicalQuantity, parseQuantity, compareQuantities } from './quantity.js';
