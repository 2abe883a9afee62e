/**
 * The names and labels workshop mode puts on the cluster. Everything `workshop create` makes
 * carries MANAGED_BY and WORKSHOP_LABEL, so `workshop delete` removes exactly that, by label.
 */

/** `app.kubernetes.io/managed-by: kubedojo`: the recommended label, on everything we make. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'kubedojo';
/** The workshop an object belongs to (its name, `default` unless `--workshop NAME`). */
export const WORKSHOP_LABEL = 'kubedojo.dev/workshop';
/** The learner an object belongs to (their name, `ana`). */
export const LEARNER_LABEL = 'kubedojo.dev/learner';
/** On the progress mirror ConfigMap: the board watches ConfigMaps with this label in every namespace. */
export const PROGRESS_LABEL = 'kubedojo.dev/progress';

/** The ConfigMap a learner's app mirrors its progress to, in the learner's namespace. */
export const PROGRESS_CONFIGMAP = 'kubedojo-progress';
/** The ConfigMap holding the instructor's pacing (`upTo`), in each learner's namespace. */
export const PACE_CONFIGMAP = 'kubedojo-pace';

/** Namespaces of learners: `kubedojo-<name>`. */
export const LEARNER_NAMESPACE_PREFIX = 'kubedojo-';

export function learnerNamespace(name: string): string {
  return `${LEARNER_NAMESPACE_PREFIX}${name}`;
}

/** The label selector of the board's watch. */
export const PROGRESS_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY},${PROGRESS_LABEL}=true`;
