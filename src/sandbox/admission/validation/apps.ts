/**
 * Deployments and ReplicaSets: pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet, the rolling-update rules) and the
 * selector immutability the apps/v1 strategies add on update.
 */
import type { KubeObject } from '../../api/status.js';
import { FIELD_IMMUTABLE, child, forbidden, invalid, nonNegative, notSupported, required, type FieldError } from '../field-errors.js';
import { goIntOrString, goLabelSelector, goQuote, goStringMap, rendered } from '../go-format.js';
import { selectorIsEmpty, selectorMatches, validateLabelSelector } from '../meta-validation.js';
import { isQualifiedName, isValidLabelValue, isValidPercent } from '../name-rules.js';
import { validatePodTemplateSpec } from './pod-spec.js';

/** Whether metav1.LabelSelectorAsSelector accepts the selector (else: "invalid label selector"). */
export function selectorConvertible(sel: KubeObject): boolean {
  const labelsOk = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => isQualifiedName(k).length === 0 && isValidLabelValue(String(v)).length === 0);
  const exprsOk = ((sel.matchExpressions ?? []) as KubeObject[]).every((e) => {
    const values: string[] = e.values ?? [];
    const opOk = ['In', 'NotIn'].includes(e.operator) ? values.length > 0 : ['Exists', 'DoesNotExist'].includes(e.operator) ? values.length === 0 : false;
    return opOk && isQualifiedName(e.key ?? '').length === 0 && values.every((v) => isValidLabelValue(v).length === 0);
  });
  return labelsOk && exprsOk;
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments use it too, hence "in ReplicaSet"). */
function validateTemplateForReplicaSet(template: KubeObject | undefined, selector: KubeObject | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const labels = template?.metadata?.labels;
  // A nil selector converts to labels.Nothing(), which is not empty and matches nothing.
  if ((selector == null || !selectorIsEmpty(selector)) && (selector == null || !selectorMatches(selector, labels))) {
    errs.push(invalid(child(field, 'metadata', 'labels'), rendered(goStringMap(labels)), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, field));
  const restartPolicy = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(child(field, 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(child(field, 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** The selector checks shared by both specs, then the template against it. */
function validateSelectorAndTemplate(spec: KubeObject, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = spec.selector;
  if (selector == null) {
    errs.push(required(child(field, 'selector')));
  } else {
    errs.push(...validateLabelSelector(selector, child(field, 'selector')));
    if (selectorIsEmpty(selector)) errs.push(invalid(child(field, 'selector'), rendered(goLabelSelector(selector)), 'empty selector is invalid for deployment'));
  }
  if (selector != null && !selectorConvertible(selector)) {
    errs.push(invalid(child(field, 'selector'), rendered(goLabelSelector(selector)), 'invalid label selector'));
  } else {
    errs.push(...validateTemplateForReplicaSet(spec.template, selector, child(field, 'template')));
  }
  return errs;
}

/** intstr.IntValue: a string that is not a number counts as 0. */
export const intOrPercentValue = (v: unknown): number => {
  if (typeof v === 'number') return v;
  const s = String(v ?? '');
  if (isValidPercent(s).length === 0) return Number(s.slice(0, -1));
  return /^[+-]?\d+$/.test(s) ? Number(s) : 0;
};

/** ValidatePositiveIntOrPercent. */
export function positiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(field, rendered(goIntOrString(v)), m));
  return nonNegative(typeof v === 'number' ? v : 0, field);
}

/** ValidateRollingUpdateDeployment. */
function validateRollingUpdate(rolling: KubeObject, field: string): FieldError[] {
  const unavailable = rolling.maxUnavailable ?? 0;
  const surge = rolling.maxSurge ?? 0;
  const errs = [...positiveIntOrPercent(unavailable, child(field, 'maxUnavailable')), ...positiveIntOrPercent(surge, child(field, 'maxSurge'))];
  if (intOrPercentValue(unavailable) === 0 && intOrPercentValue(surge) === 0) {
    errs.push(invalid(child(field, 'maxUnavailable'), rendered(goIntOrString(unavailable)), 'may not be 0 when `maxSurge` is 0'));
  }
  if (typeof unavailable === 'string' && isValidPercent(unavailable).length === 0 && Number(unavailable.slice(0, -1)) > 100) {
    errs.push(invalid(child(field, 'maxUnavailable'), rendered(goIntOrString(unavailable)), 'must not be greater than 100%'));
  }
  return errs;
}

/** ValidateDeploymentStrategy. */
function validateStrategy(strategy: KubeObject | undefined, field: string): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate != null ? [forbidden(child(field, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return s.rollingUpdate == null ? [required(child(field, 'rollingUpdate'), 'this should be defaulted and never be nil')] : validateRollingUpdate(s.rollingUpdate, child(field, 'rollingUpdate'));
    default: {
      const rolling = s.rollingUpdate == null ? '(*apps.RollingUpdateDeployment)(nil)' : '(*apps.RollingUpdateDeployment)(0xc000000000)';
      return [notSupported(field, rendered(`apps.DeploymentStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${rolling}}`), ['Recreate', 'RollingUpdate'])];
    }
  }
}

export function validateDeploymentSpec(spec: KubeObject | undefined, field = 'spec'): FieldError[] {
  const s = spec ?? {};
  const errs = [...nonNegative(s.replicas, child(field, 'replicas')), ...validateSelectorAndTemplate(s, field)];
  errs.push(...validateStrategy(s.strategy, child(field, 'strategy')));
  errs.push(...nonNegative(s.minReadySeconds, child(field, 'minReadySeconds')));
  if (s.revisionHistoryLimit != null) errs.push(...nonNegative(s.revisionHistoryLimit, child(field, 'revisionHistoryLimit')));
  if (s.progressDeadlineSeconds != null) {
    errs.push(...nonNegative(s.progressDeadlineSeconds, child(field, 'progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(invalid(child(field, 'progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

export function validateReplicaSetSpec(spec: KubeObject | undefined, field = 'spec'): FieldError[] {
  const s = spec ?? {};
  return [...nonNegative(s.replicas, child(field, 'replicas')), ...nonNegative(s.minReadySeconds, child(field, 'minReadySeconds')), ...validateSelectorAndTemplate(s, field)];
}

/** apps/v1 strategies' ValidateUpdate: the selector may never change. */
export function immutableSelector(next: KubeObject | undefined, old: KubeObject | undefined): FieldError[] {
  const a = next?.selector;
  const b = old?.selector;
  const same = goLabelSelector(a) === goLabelSelector(b);
  return same ? [] : [invalid('spec.selector', rendered(goLabelSelector(a)), FIELD_IMMUTABLE)];
}

const STATUS_COUNTERS: Record<string, string[]> = {
  Deployment: ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'collisionCount'],
  ReplicaSet: ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'],
};

/** ValidateDeploymentStatus / ValidateReplicaSetStatus: counters are non-negative and consistent. */
export function validateWorkloadStatus(kind: string, status: KubeObject | undefined, old: KubeObject | undefined): FieldError[] {
  const s = status ?? {};
  const errs = (STATUS_COUNTERS[kind] ?? []).flatMap((k) => nonNegative(s[k], `status.${k}`));
  const replicas = s.replicas ?? 0;
  const bounded = kind === 'Deployment' ? ['updatedReplicas', 'readyReplicas', 'availableReplicas'] : ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'];
  for (const k of bounded) if ((s[k] ?? 0) > replicas) errs.push(invalid(`status.${k}`, s[k], 'cannot be greater than status.replicas'));
  if ((s.availableReplicas ?? 0) > (s.readyReplicas ?? 0)) errs.push(invalid('status.availableReplicas', s.availableReplicas, 'cannot be greater than readyReplicas'));
  if (kind === 'Deployment' && old?.collisionCount != null && (s.collisionCount == null || s.collisionCount < old.collisionCount)) {
    errs.push(invalid('status.collisionCount', s.collisionCount ?? 0, 'cannot be decremented'));
  }
  return errs;
}
