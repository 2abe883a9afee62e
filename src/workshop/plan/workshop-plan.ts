/**
 * What `workshop create` makes, as plain objects (pure, so a test can read the plan without a
 * cluster): per learner a namespace, a ServiceAccount, a Role holding the course's verbs, its
 * RoleBinding, a ResourceQuota and a LimitRange (one learner cannot starve the room), the
 * progress ConfigMap the board watches and the pace ConfigMap the app reads; once per workshop a
 * read-only ClusterRole for what the course lists cluster-wide (nodes, namespaces) and its binding.
 * Every object carries the managed-by and workshop labels: `workshop delete` selects by them.
 */
import { initialTrackState } from '../mirror/track-record.js';
import { toConfigMapData } from '../mirror/learner-record.js';
import { LEARNER_LABEL, learnerNamespace, MANAGED_BY, MANAGED_BY_LABEL, PACE_CONFIGMAP, PROGRESS_CONFIGMAP, PROGRESS_LABEL, WORKSHOP_LABEL } from '../workshop-labels.js';
import type { CourseRules } from './course-rules.js';

export const LEARNER_ACCOUNT = 'learner';
export const LEARNER_ROLE = 'kubedojo-learner';
export const DEFAULT_WORKSHOP = 'default';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Per learner; sized for the course (six replicas during a surge, the meter Pod) with room to spare. */
export const DEFAULT_QUOTA: Record<string, string> = {
  pods: '20',
  services: '10',
  'requests.cpu': '2',
  'requests.memory': '2Gi',
  'limits.cpu': '4',
  'limits.memory': '4Gi',
};

/** Defaults for containers that say nothing (the course's manifests do not): a quota on requests needs them. */
export const DEFAULT_LIMITS = {
  defaultRequest: { cpu: '50m', memory: '64Mi' },
  default: { cpu: '200m', memory: '128Mi' },
};

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A namespace name is a DNS label of at most 63 characters, `kubedojo-` included. */
const MAX_NAME = 63 - 'kubedojo-'.length;

/** Why `name` cannot name a learner, or undefined when it can. */
export function learnerNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > MAX_NAME) return `is longer than ${MAX_NAME} characters`;
  if (!NAME.test(name)) return 'must be lowercase letters, digits and dashes, starting and ending with a letter or digit';
  return undefined;
}

/** `learner-01` … `learner-NN`. */
export function numberedLearners(count: number): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `learner-${String(i + 1).padStart(width, '0')}`);
}

/** Names from a file: one per line, `#` comments and blank lines skipped; problems name the line. */
export function parseNames(text: string, file: string): { names: string[]; problems: string[] } {
  const names: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const name = raw.replace(/#.*/, '').trim();
    if (name === '') return;
    const problem = learnerNameProblem(name);
    if (problem !== undefined) problems.push(`${file}:${index + 1}: “${name}” ${problem}`);
    else if (seen.has(name)) problems.push(`${file}:${index + 1}: “${name}” is listed twice`);
    else names.push(name);
    seen.add(name);
  });
  return { names, problems };
}

export function workshopLabels(workshop: string, learner?: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, [WORKSHOP_LABEL]: workshop, ...(learner === undefined ? {} : { [LEARNER_LABEL]: learner }) };
}

export function learnerObjects(workshop: string, learner: string, rules: CourseRules, now: number): KubeObject[] {
  const namespace = learnerNamespace(learner);
  const labels = workshopLabels(workshop, learner);
  const meta = (name: string, extra: Record<string, string> = {}) => ({ name, namespace, labels: { ...labels, ...extra } });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(LEARNER_ACCOUNT) },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta(LEARNER_ROLE), rules: rules.rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(LEARNER_ROLE),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: LEARNER_ROLE },
      subjects: [{ kind: 'ServiceAccount', name: LEARNER_ACCOUNT, namespace }],
    },
    { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(LEARNER_ROLE), spec: { hard: DEFAULT_QUOTA } },
    { apiVersion: 'v1', kind: 'LimitRange', metadata: meta(LEARNER_ROLE), spec: { limits: [{ type: 'Container', ...DEFAULT_LIMITS }] } },
    // The board lists every learner from the start, before their app first writes.
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(PROGRESS_CONFIGMAP, { [PROGRESS_LABEL]: 'true' }), data: toConfigMapData(initialTrackState(now).record) },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(PACE_CONFIGMAP), data: { upTo: '' } },
  ];
}

/** The workshop's cluster-scoped read access (nodes, namespaces: `kubectl get nodes` in lesson 1). */
export function workshopClusterObjects(workshop: string, learners: readonly string[], rules: CourseRules): KubeObject[] {
  const name = `kubedojo-workshop-${workshop}-read`;
  const labels = workshopLabels(workshop);
  const subjects = learners.map((learner) => ({ kind: 'ServiceAccount', name: LEARNER_ACCOUNT, namespace: learnerNamespace(learner) }));
  // `kubectl cluster-info` lists kube-system's Services: that list, there, and nothing else.
  const clusterInfo: KubeObject[] = !rules.clusterInfo
    ? []
    : [
        { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: `kubedojo-workshop-${workshop}-cluster-info`, namespace: 'kube-system', labels }, rules: [{ apiGroups: [''], resources: ['services'], verbs: ['list'] }] },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `kubedojo-workshop-${workshop}-cluster-info`, namespace: 'kube-system', labels },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `kubedojo-workshop-${workshop}-cluster-info` },
          subjects,
        },
      ];
  return [
    ...clusterInfo,
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules: rules.clusterReads },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects,
    },
  ];
}
