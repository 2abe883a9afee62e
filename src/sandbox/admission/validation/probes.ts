/**
 * Probes and lifecycle hooks: validateProbe, validateLivenessProbe/Readiness/Startup, validateHandler
 * and validateLifecycle of pkg/apis/core/validation/validation.go (1.32: a sleep of 0s is rejected,
 * AllowPodLifecycleSleepActionZeroValue being off).
 */
import type { KubeObject } from '../../api/status.js';
import { child, forbidden, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.js';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from '../name-rules.js';

/** ValidatePortNumOrName: an IntOrString port. */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(field, n, m));
}

const httpHeaderNames = (headers: KubeObject[] | undefined, field: string): FieldError[] =>
  (headers ?? []).flatMap((h) => isHTTPHeaderName(h.name ?? '').map((m) => invalid(field, h.name ?? '', m)));

const HANDLER_KINDS = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;

/** validateHandler: exactly one handler, each checked on its own terms. */
function validateHandler(handler: KubeObject, allowed: readonly string[], gracePeriod: number | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLER_KINDS) {
    const action = handler[kind];
    if (!allowed.includes(kind) || action == null) continue;
    const path = child(field, kind);
    if (count > 0) {
      errs.push(forbidden(path, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    if (kind === 'exec' && !(action.command?.length > 0)) errs.push(required(child(path, 'command')));
    if (kind === 'httpGet') {
      if (!action.path) errs.push(required(child(path, 'path')));
      errs.push(...validatePortNumOrName(action.port, child(path, 'port')));
      if (action.scheme !== 'HTTP' && action.scheme !== 'HTTPS') errs.push(notSupported(child(path, 'scheme'), action.scheme ?? '', ['HTTP', 'HTTPS']));
      errs.push(...httpHeaderNames(action.httpHeaders, child(path, 'httpHeaders')));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(action.port, child(path, 'port')));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(action.port ?? 0, child(path, 'port')));
    if (kind === 'sleep' && gracePeriod !== undefined) {
      const seconds = action.seconds ?? 0;
      if (seconds <= 0 || seconds > gracePeriod) {
        errs.push(invalid(path, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`));
      }
    }
  }
  if (count === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

/** validateProbe plus the liveness/startup `successThreshold must be 1` and readiness grace rules. */
export function validateProbe(which: 'liveness' | 'readiness' | 'startup', probe: KubeObject | undefined, gracePeriod: number | undefined, field: string): FieldError[] {
  if (probe == null) return [];
  const errs = validateHandler(probe, ['exec', 'httpGet', 'tcpSocket', 'grpc'], gracePeriod, field);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[k], child(field, k)));
  }
  if (probe.terminationGracePeriodSeconds != null && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(child(field, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  if (which !== 'readiness' && probe.successThreshold !== 1) errs.push(invalid(child(field, 'successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  if (which === 'readiness' && probe.terminationGracePeriodSeconds != null) {
    errs.push(invalid(child(field, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

export function validateLifecycle(lifecycle: KubeObject, gracePeriod: number | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (lifecycle[hook] != null) errs.push(...validateHandler(lifecycle[hook], ['exec', 'httpGet', 'tcpSocket', 'sleep'], gracePeriod, child(field, hook)));
  }
  return errs;
}
