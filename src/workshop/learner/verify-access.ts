/**
 * Before the app uses a workshop kubeconfig: prove, with the cluster's own answers, that its
 * credentials can write nothing outside the learner's namespace (PRODUCT.md: the app never
 * changes anything outside its own namespace). Two questions:
 * - SelfSubjectRulesReview in a namespace that does not exist: every rule it lists comes from a
 *   ClusterRoleBinding, so it holds in EVERY namespace and for cluster-scoped objects;
 * - SelfSubjectAccessReview "create pods" in each other namespace the credentials can list (the
 *   other learners'), for a RoleBinding that reaches into one of them.
 * Any write found is named in the refusal. An authorizer that cannot list rules (`incomplete`)
 * cannot prove anything either: refused too.
 */
import { randomBytes } from 'node:crypto';
import type { KubeConfig, V1NamespaceList, V1ResourceRule, V1SelfSubjectAccessReview, V1SelfSubjectRulesReview } from '@kubernetes/client-node';
import { requestJson } from '../../engine/session/kube-api.js';

const AUTHORIZATION = '/apis/authorization.k8s.io/v1';
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', 'escalate', 'bind', 'impersonate', '*']);

export type AccessVerdict = { ok: true } | { ok: false; permission: string; reason: string };

/**
 * Asking about oneself stores nothing: every authenticated user may "create" these (the
 * system:basic-user ClusterRole), and they are no write.
 */
const SELF_REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'selfsubjectreviews']);

/** `create deployments.apps`, `* *` … from a rule: the first write it grants, or undefined. */
export function writeIn(rule: Pick<V1ResourceRule, 'verbs' | 'resources' | 'apiGroups'>): string | undefined {
  const verb = rule.verbs.find((candidate) => WRITE_VERBS.has(candidate));
  if (verb === undefined) return undefined;
  const resource = (rule.resources ?? ['*']).find((candidate) => !SELF_REVIEWS.has(candidate));
  if (resource === undefined) return undefined;
  const group = rule.apiGroups?.[0] ?? '';
  return `${verb} ${resource}${group === '' ? '' : `.${group}`}`;
}

export async function verifyLearnerAccess(kubeconfig: KubeConfig, namespace: string, options: { maxNamespaces?: number } = {}): Promise<AccessVerdict> {
  // Raw requests, not client-node's typed AuthorizationV1Api and CoreV1Api: every app start reads
  // this module, and the typed clients cost the app ~20 MB of memory (kube-api.ts).
  const elsewhere = `kubedojo-nowhere-${randomBytes(4).toString('hex')}`;
  const review = (await requestJson(kubeconfig, 'POST', `${AUTHORIZATION}/selfsubjectrulesreviews`, { body: { spec: { namespace: elsewhere } } })) as V1SelfSubjectRulesReview;
  if (review.status?.incomplete) {
    return { ok: false, permission: 'unknown', reason: `the cluster could not list what these credentials may do (${review.status.evaluationError ?? 'incomplete rules review'}), so kubedojo cannot tell that they stay in ${namespace}` };
  }
  for (const rule of review.status?.resourceRules ?? []) {
    const write = writeIn(rule);
    if (write !== undefined) return { ok: false, permission: write, reason: `these credentials may ${write} in every namespace and across the cluster, not only in ${namespace}` };
  }
  // RoleBindings into other namespaces: ask in each one these credentials can see.
  const visible = await (requestJson(kubeconfig, 'GET', '/api/v1/namespaces') as Promise<V1NamespaceList>).then(
    (list) => (list.items ?? []).map((item) => item.metadata?.name ?? '').filter((name) => name !== '' && name !== namespace),
    () => [] as string[],
  );
  for (const other of visible.slice(0, options.maxNamespaces ?? 200)) {
    for (const [verb, group, resource] of [['create', '', 'pods'], ['create', 'apps', 'deployments'], ['delete', '', 'pods']] as const) {
      const body = { spec: { resourceAttributes: { namespace: other, verb, group, resource } } };
      const answer = (await requestJson(kubeconfig, 'POST', `${AUTHORIZATION}/selfsubjectaccessreviews`, { body })) as V1SelfSubjectAccessReview;
      if (answer.status?.allowed) {
        const permission = `${verb} ${resource}${group ? `.${group}` : ''}`;
        return { ok: false, permission, reason: `these credentials may ${permission} in the namespace ${other}, not only in ${namespace}` };
      }
    }
  }
  return { ok: true };
}
