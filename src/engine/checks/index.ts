/** The check language: schema (types), pure evaluation, and the pieces the engine reuses. */
export {
  CheckSchema,
  CHECK_KINDS,
  RememberSchema,
  RememberSpecSchema,
  TargetSchema,
  ObjectRefSchema,
  ObjectNameSchema,
  CommandTextSchema,
  MeterSpecSchema,
  TrafficCheckSchema,
} from './schema.js';
export type {
  Check,
  CheckKind,
  ExistsCheck,
  GoneCheck,
  FieldCheck,
  PodsReadyCheck,
  ReplacedCheck,
  ServiceEndpointsCheck,
  RolloutCheck,
  RanCheck,
  QuizCheck,
  TrafficCheck,
  MeterSpec,
  MeterVersionSource,
  ResourceTarget,
  ObjectRef,
  Remember,
  RememberSpec,
} from './schema.js';
export { evaluateCheck, evaluateChecks, resourcesWatchedBy } from './evaluate.js';
export type { CheckContext, CheckResult, LastCommand } from './result.js';
export { captureRemembered, rememberValue, resourcesWatchedByRemember } from './remember.js';
export type { Captured, RememberedValue } from './remember.js';
export { createStaticView } from './cluster-view.js';
export type { ClusterView, ObjectsByKind } from './cluster-view.js';
export type { KubeObject, ObjectMeta, OwnerReference } from './k8s.js';
export { KINDS, kindFromAlias, singularName, pluralName } from './kinds.js';
export type { Kind } from './kinds.js';
export { matchesSelector, parseSelector, formatSelector } from './label-selector.js';
export type { LabelSelector, SelectorRequirement, SelectorOperator } from './label-selector.js';
export { parseFieldPath, readPath, formatPath } from './field-path.js';
export type { PathSegment } from './field-path.js';
export { ranMatches, ranMatchesAny } from './ran-match.js';
export { REQUEST_OUTCOMES, isFailure, samplesBetween, summarizeSamples } from './traffic-record.js';
export type { MeterRun, MeterSample, RequestOutcome, RolloutSpan, TrafficRecord, WindowSummary } from './traffic-record.js';
export { seconds } from './eval-traffic.js';
