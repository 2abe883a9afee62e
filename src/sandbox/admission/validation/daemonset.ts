/**
 * DaemonSets: pkg/apis/apps/validation/validation.go (ValidateDaemonSetSpec,
 * ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet, ValidateDaemonSetStatusUpdate).
 * The template generation checks of ValidateDaemonSetSpecUpdate cannot fail here: the strategy
 * (strategy.ts) sets the generation before validation, as the real one does.
 */
import type { KubeObject } from '../../api/status.js';
import { child, forbidden, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.js';
import { goIntOrString, goLabelSelector, goQuote, goStringMap, rendered } from '../go-format.js';
import { selectorIsEmpty, selectorMatches, validateLabelSelector } from '../meta-validation.js';
import { isValidPercent } from '../name-rules.js';
import { intOrPercentValue, positiveIntOrPercent, selectorConvertible } from './apps.js';
import { validatePodTemplateSpec } from './pod-spec.js';

/** IsNotMoreThan100Percent. */
function notOver100Percent(v: unknown, field: string): FieldError[] {
  if (typeof v !== 'string' || isValidPercent(v).length > 0 || Number(v.slice(0, -1)) <= 100) return [];
  return [invalid(field, rendered(goIntOrString(v)), 'must not be greater than 100%')];
}

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
function validateRollingUpdate(rolling: KubeObject, field: string): FieldError[] {
  const unavailable = rolling.maxUnavailable ?? 0;
  const surge = rolling.maxSurge ?? 0;
  const errs = [
    ...positiveIntOrPercent(unavailable, child(field, 'maxUnavailable')),
    ...positiveIntOrPercent(surge, child(field, 'maxSurge')),
    ...notOver100Percent(unavailable, child(field, 'maxUnavailable')),
    ...notOver100Percent(surge, child(field, 'maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(unavailable) !== 0;
  const hasSurge = intOrPercentValue(surge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(child(field, 'maxSurge'), rendered(goIntOrString(surge)), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(child(field, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** ValidateDaemonSetUpdateStrategy. */
function validateUpdateStrategy(strategy: KubeObject | undefined, field: string): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return s.rollingUpdate == null ? [required(child(field, 'rollingUpdate'))] : validateRollingUpdate(s.rollingUpdate, child(field, 'rollingUpdate'));
    default: {
      const rolling = s.rollingUpdate == null ? '(*apps.RollingUpdateDaemonSet)(nil)' : '(*apps.RollingUpdateDaemonSet)(0xc000000000)';
      return [notSupported(field, rendered(`apps.DaemonSetUpdateStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${rolling}}`), ['RollingUpdate', 'OnDelete'])];
    }
  }
}

export function validateDaemonSetSpec(spec: KubeObject | undefined, field = 'spec'): FieldError[] {
  const s = spec ?? {};
  const template = s.template ?? {};
  const labels: Record<string, string> | undefined = template.metadata?.labels;
  const errs = validateLabelSelector(s.selector, child(field, 'selector'));
  // LabelSelectorAsSelector(nil) is labels.Nothing(): it matches no template.
  if (s.selector == null || (selectorConvertible(s.selector) && !selectorMatches(s.selector, labels))) {
    errs.push(invalid(child(field, 'template', 'metadata', 'labels'), rendered(goStringMap(labels)), '`selector` does not match template `labels`'));
  }
  if (s.selector != null && selectorIsEmpty(s.selector)) errs.push(invalid(child(field, 'selector'), rendered(goLabelSelector(s.selector)), 'empty selector is invalid for daemonset'));
  errs.push(...validatePodTemplateSpec(template, child(field, 'template')));
  const restartPolicy = template.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(child(field, 'template', 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(child(field, 'template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...nonNegative(s.minReadySeconds, child(field, 'minReadySeconds')));
  errs.push(...validateUpdateStrategy(s.updateStrategy, child(field, 'updateStrategy')));
  if (s.revisionHistoryLimit != null) errs.push(...nonNegative(s.revisionHistoryLimit, child(field, 'revisionHistoryLimit')));
  return errs;
}

const STATUS_COUNTERS = ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount'];

/** validateDaemonSetStatus plus the collision count that may never go down. */
export function validateDaemonSetStatus(status: KubeObject | undefined, old: KubeObject | undefined): FieldError[] {
  const s = status ?? {};
  const errs = STATUS_COUNTERS.flatMap((k) => nonNegative(s[k], `status.${k}`));
  if (old?.collisionCount != null && (s.collisionCount == null || s.collisionCount < old.collisionCount)) {
    errs.push(invalid('status.collisionCount', s.collisionCount ?? 0, 'cannot be decremented'));
  }
  return errs;
}
