/**
 * Security contexts: ValidateSecurityContext (containers) and validatePodSpecSecurityContext of
 * pkg/apis/core/validation/validation.go. Privileged containers are allowed, as on any default cluster.
 */
import type { KubeObject } from '../../api/status.js';
import { child, index, invalid, notSupported, required, type FieldError } from '../field-errors.js';
import { rendered } from '../go-format.js';
import { inclusiveRangeError } from '../name-rules.js';

const MAX_ID = 2147483647;

function validID(value: unknown, field: string): FieldError[] {
  if (value == null) return [];
  const n = Number(value);
  return n >= 0 && n <= MAX_ID ? [] : [invalid(field, n, inclusiveRangeError(0, MAX_ID))];
}

function validateSeccompProfile(profile: KubeObject | undefined, field: string): FieldError[] {
  if (profile == null) return [];
  const type = profile.type;
  const errs: FieldError[] = [];
  if (!type) errs.push(required(child(field, 'type'), 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) errs.push(notSupported(child(field, 'type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  if (type === 'Localhost' && !profile.localhostProfile) errs.push(required(child(field, 'localhostProfile'), 'must be set when seccomp type is Localhost'));
  if (type && type !== 'Localhost' && profile.localhostProfile != null) {
    errs.push(invalid(child(field, 'localhostProfile'), profile.localhostProfile, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfile(profile: KubeObject | undefined, field: string): FieldError[] {
  if (profile == null) return [];
  switch (profile.type) {
    case 'Localhost':
      return profile.localhostProfile?.trim() ? [] : [required(child(field, 'localhostProfile'), 'must be set when AppArmor type is Localhost')];
    case 'RuntimeDefault':
    case 'Unconfined':
      return profile.localhostProfile != null ? [invalid(child(field, 'localhostProfile'), profile.localhostProfile, 'can only be set when AppArmor type is Localhost')] : [];
    case undefined:
    case '':
      return [required(child(field, 'type'), 'type is required when appArmorProfile is set')];
    default:
      return [notSupported(child(field, 'type'), profile.type, ['Localhost', 'RuntimeDefault', 'Unconfined'])];
  }
}

/** ValidateSecurityContext. */
export function validateContainerSecurityContext(sc: KubeObject | undefined, field: string): FieldError[] {
  if (sc == null) return [];
  const errs = [...validID(sc.runAsUser, child(field, 'runAsUser')), ...validID(sc.runAsGroup, child(field, 'runAsGroup'))];
  if (sc.procMount != null && !['Default', 'Unmasked'].includes(sc.procMount)) errs.push(notSupported(child(field, 'procMount'), sc.procMount, ['Default', 'Unmasked']));
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(field, 'seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(invalid(field, rendered('&core.SecurityContext{...}'), 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if ((sc.capabilities?.add ?? []).includes('CAP_SYS_ADMIN')) {
      errs.push(invalid(field, rendered('&core.SecurityContext{...}'), 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(field, 'appArmorProfile')));
  return errs;
}

/** validatePodSpecSecurityContext. */
export function validatePodSecurityContext(sc: KubeObject | undefined, field: string): FieldError[] {
  if (sc == null) return [];
  const errs = [...validID(sc.fsGroup, child(field, 'fsGroup')), ...validID(sc.runAsUser, child(field, 'runAsUser')), ...validID(sc.runAsGroup, child(field, 'runAsGroup'))];
  (sc.supplementalGroups ?? []).forEach((g: number, i: number) => errs.push(...validID(g, index(child(field, 'supplementalGroups'), i))));
  if (sc.fsGroupChangePolicy != null && !['Always', 'OnRootMismatch'].includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(child(field, 'fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, child(field, 'seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, child(field, 'appArmorProfile')));
  if (sc.supplementalGroupsPolicy != null && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(notSupported(child(field, 'supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  return errs;
}
