/**
 * A short, stable name for each check, for the checks panel: what the step wants, while the
 * check's message says what the cluster has right now.
 */
import { fieldLabel } from '../checks/field-path.js';
import { pluralName, singularName } from '../checks/kinds.js';
import { formatSelector } from '../checks/label-selector.js';
import { CHECK_KINDS, type Check, type CheckKind, type FieldCheck, type ResourceTarget } from '../checks/schema.js';

export function checkKind(check: Check): CheckKind {
  return CHECK_KINDS.find((kind) => kind in check) ?? 'quiz';
}

export function checkLabel(check: Check): string {
  if ('exists' in check) return `${target(check.exists)} ${isOne(check.exists) ? 'exists' : 'exist'}`;
  if ('gone' in check) return isOne(check.gone) ? `${target(check.gone)} is gone` : `no ${target(check.gone)} left`;
  if ('field' in check) return `${singularName(check.field.kind)}/${check.field.name} ${fieldLabel(check.path)} ${wanted(check)}`;
  if ('podsReady' in check) {
    const { deployment, count } = check.podsReady;
    return count === undefined ? `all Pods of ${deployment} ready` : `${count} ${count === 1 ? 'Pod' : 'Pods'} of ${deployment} ready`;
  }
  if ('replaced' in check) return `the Pod remembered as ${check.replaced.remembered} replaced in ${check.replaced.deployment}`;
  if ('serviceEndpoints' in check) return `service ${check.serviceEndpoints.service} sends traffic to its ready Pods`;
  if ('rollout' in check) {
    const { deployment, revisions, revision, image, complete } = check.rollout;
    const parts: string[] = [];
    if (revisions !== undefined) parts.push(typeof revisions === 'number' ? `${revisions} revisions` : `at least ${revisions.atLeast} revisions`);
    if (revision !== undefined) parts.push(image === undefined ? `revision ${revision}` : `revision ${revision} ran ${image}`);
    if (complete === true) parts.push('rollout complete');
    return `${deployment}: ${parts.join(', ')}`;
  }
  if ('ran' in check) return `ran ${check.ran.join(' or ')}`;
  if ('traffic' in check) {
    const { service, during, minRequests, maxFailed, minFailed } = check.traffic;
    const failures = maxFailed !== undefined ? (maxFailed === 0 ? 'no request fails' : `at most ${maxFailed} fail`) : `at least ${minFailed ?? 1} fail`;
    return `rollout of ${during} under traffic${service === undefined ? '' : ` to ${service}`}: ${minRequests}+ requests, ${failures}`;
  }
  return 'quiz answered';
}

function isOne(targetValue: ResourceTarget): boolean {
  return 'name' in targetValue && targetValue.name !== undefined;
}

function target(targetValue: ResourceTarget): string {
  if ('name' in targetValue && targetValue.name !== undefined) return `${singularName(targetValue.kind)}/${targetValue.name}`;
  const selector = 'selector' in targetValue && targetValue.selector !== undefined ? ` ${formatSelector(targetValue.selector)}` : '';
  return `${pluralName(targetValue.kind)}${selector}`;
}

function wanted(check: FieldCheck): string {
  if (check.equals !== undefined) return `= ${typeof check.equals === 'object' ? JSON.stringify(check.equals) : String(check.equals)}`;
  if (check.contains !== undefined) return `contains ${String(check.contains)}`;
  if (check.matches !== undefined) return `matches ${check.matches}`;
  return `at least ${check.atLeast ?? 0}`;
}
