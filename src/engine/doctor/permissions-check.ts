import type { AccessRequest, AccessReviewOutcome } from './access-review.js';
import { check } from './check.js';
import type { DoctorCheck } from './types.js';

/** What the lessons do in the tutorial namespace. */
// patch and update too: scale, set image, edit and rollout undo all write through them.
export const TUTORIAL_VERBS = ['create', 'get', 'list', 'watch', 'patch', 'update', 'delete'] as const;
export const TUTORIAL_RESOURCES = [
  { group: 'apps', resource: 'deployments' },
  { group: '', resource: 'pods' },
  { group: '', resource: 'services' },
] as const;

export function tutorialAccessRequests(): AccessRequest[] {
  return TUTORIAL_RESOURCES.flatMap(({ group, resource }) => TUTORIAL_VERBS.map((verb) => ({ verb, group, resource })));
}

export interface PermissionsInput {
  outcome: AccessReviewOutcome;
  namespace: string;
  /** True for kubedojo's own sandbox, whose one token may do everything. */
  sandbox: boolean;
}

/** Check 6: may this user do what the lessons do in the tutorial namespace? */
export function permissionsCheck({ outcome, namespace, sandbox }: PermissionsInput): DoctorCheck {
  const everything = `${TUTORIAL_VERBS.join(', ')} ${TUTORIAL_RESOURCES.map((r) => r.resource).join(', ')}`;
  switch (outcome.kind) {
    case 'answered':
      if (outcome.denied.length === 0) {
        return check('permissions', 'ok', `You may ${everything} in namespace \`${namespace}\`.`);
      }
      return check('permissions', 'fail', `Missing in namespace \`${namespace}\`: ${describeDenied(outcome.denied)}.`, grantCommands(namespace));
    case 'unsupported':
      // The sandbox has no RBAC: its API server checks the bearer token and nothing else.
      if (sandbox) return check('permissions', 'ok', `The sandbox cluster has no RBAC: you may ${everything} in namespace \`${namespace}\`.`);
      return check('permissions', 'warn', 'The server does not answer SelfSubjectAccessReview, so kubedojo cannot check your permissions in advance.');
    case 'error':
      return check('permissions', 'warn', `Could not check your permissions in namespace \`${namespace}\`: ${outcome.reason}.`);
  }
}

/** `deployments: delete; pods: create, delete`, in the order the lessons list them. */
function describeDenied(denied: AccessRequest[]): string {
  return TUTORIAL_RESOURCES.flatMap(({ resource }) => {
    const verbs = denied.filter((request) => request.resource === resource).map((request) => request.verb);
    return verbs.length === 0 ? [] : [`${resource}: ${verbs.join(', ')}`];
  }).join('; ');
}

function grantCommands(namespace: string): string {
  const resources = TUTORIAL_RESOURCES.map(({ group, resource }) => (group === '' ? resource : `${resource}.${group}`)).join(',');
  return [
    'Ask your cluster admin to grant them, e.g.:',
    `kubectl create role kubedojo-learner -n ${namespace} --verb=${TUTORIAL_VERBS.join(',')} --resource=${resources}`,
    `kubectl create rolebinding kubedojo-learner -n ${namespace} --role=kubedojo-learner --user=YOUR_USER`,
  ].join('\n');
}
