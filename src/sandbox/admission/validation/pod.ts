/**
 * Pods: ValidatePodCreate and ValidatePodUpdate of pkg/apis/core/validation/validation.go. Of a
 * running pod's spec only images, activeDeadlineSeconds and added tolerations may change.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';
import { child, forbidden, index, invalid, required, type FieldError } from '../field-errors.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../meta-validation.js';
import { inclusiveRangeError } from '../name-rules.js';
import { validatePodSpec, validateTolerations } from './pod-spec.js';

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** validatePodMetadataAndSpec. */
function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const errs = [...validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain), ...validatePodSpec(pod.spec, 'spec', { resourceIsPod: true })];
  if (!pod.spec?.serviceAccountName) {
    (pod.spec?.volumes ?? []).forEach((vol: KubeObject, vi: number) =>
      (vol.projected?.sources ?? []).forEach((src: KubeObject, si: number) => {
        if (src.serviceAccountToken) {
          errs.push(forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      }),
    );
  }
  for (const list of ['containers', 'initContainers']) {
    (pod.spec?.[list] ?? []).forEach((c: KubeObject, i: number) => {
      if (typeof c.image === 'string' && c.image.trim() !== c.image) errs.push(invalid(child(index(`spec.${list}`, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

export function validatePodCreate(pod: KubeObject): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if (pod.spec?.ephemeralContainers?.length) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (pod.spec?.nodeName && pod.spec?.schedulingGates?.length) errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

/** ValidateContainerUpdates: same number of containers, each with an image. */
function containerUpdates(next: KubeObject[] | undefined, old: KubeObject[] | undefined, field: string): { errs: FieldError[]; stop: boolean } {
  if ((next ?? []).length !== (old ?? []).length) return { errs: [forbidden(field, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  (next ?? []).forEach((c, i) => {
    if (!c.image) errs.push(required(child(index(field, i), 'image')));
    if (typeof c.image === 'string' && c.image.trim() !== c.image) errs.push(invalid(child(index(field, i), 'image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** A compact stand-in for the cmp.Diff upstream appends: each changed PodSpec field, old then new. */
function specDiff(old: KubeObject, next: KubeObject): string {
  const lines = ['  core.PodSpec{'];
  for (const k of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (isDeepStrictEqual(old[k], next[k])) continue;
    const name = k.charAt(0).toUpperCase() + k.slice(1);
    if (old[k] !== undefined) lines.push(`- \t${name}: ${JSON.stringify(old[k])},`);
    if (next[k] !== undefined) lines.push(`+ \t${name}: ${JSON.stringify(next[k])},`);
  }
  lines.push('  }', '');
  return lines.join('\n');
}

export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = [...validateObjectMetaUpdate(pod.metadata, old.metadata), ...validatePodMetadataAndSpec(pod)];
  const spec: KubeObject = pod.spec ?? {};
  const oldSpec: KubeObject = old.spec ?? {};
  for (const list of ['containers', 'initContainers']) {
    const { errs: containerErrs, stop } = containerUpdates(spec[list], oldSpec[list], `spec.${list}`);
    errs.push(...containerErrs);
    if (stop) return errs;
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline != null) {
    if (deadline < 0 || deadline > 2147483647) return [...errs, invalid('spec.activeDeadlineSeconds', deadline, inclusiveRangeError(0, 2147483647))];
    if (oldSpec.activeDeadlineSeconds != null && oldSpec.activeDeadlineSeconds < deadline) {
      return [...errs, invalid('spec.activeDeadlineSeconds', deadline, 'must be less than or equal to previous value')];
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  // validateOnlyAddedTolerations: every old toleration survives (its tolerationSeconds may change).
  const kept = (oldSpec.tolerations ?? []).every((o: KubeObject) =>
    (spec.tolerations ?? []).some((n: KubeObject) => isDeepStrictEqual({ ...o, tolerationSeconds: n.tolerationSeconds }, n)),
  );
  if (!kept) errs.push(forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
  else errs.push(...validateTolerations(spec.tolerations, 'spec.tolerations'));
  if (isDeepStrictEqual(spec, oldSpec)) return errs;
  const munged: KubeObject = structuredClone(spec);
  for (const list of ['containers', 'initContainers']) {
    (munged[list] ?? []).forEach((c: KubeObject, i: number) => (c.image = oldSpec[list][i].image));
  }
  for (const k of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) {
    if (oldSpec[k] === undefined) delete munged[k];
    else munged[k] = oldSpec[k];
  }
  if (oldSpec.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  if (!isDeepStrictEqual(munged, oldSpec)) {
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff(oldSpec, munged)}`));
  }
  return errs;
}
