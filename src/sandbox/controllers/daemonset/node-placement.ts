/**
 * Where a DaemonSet's Pods go, and what each one looks like: pkg/controller/daemon/util
 * (CreatePodTemplate, AddOrUpdateDaemonPodTolerations, ReplaceDaemonSetPodNodeNameNodeAffinity,
 * GetTargetNodeName, IsPodUpdated) and daemon_controller.go NodeShouldRunDaemonPod with the
 * scheduler predicates it runs (node name, required node affinity and nodeSelector, taints).
 * Pure functions of the objects they are given.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../api/status.js';

/** apps.DefaultDaemonSetUniqueLabelKey */
export const REVISION_HASH_LABEL = 'controller-revision-hash';
/** extensions.DaemonSetTemplateGenerationKey */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * The tolerations every daemon Pod gets, in the order they are added: node problems never evict
 * or keep out a daemon (it is how the node's own agents run).
 */
function daemonTolerations(spec: KubeObject): KubeObject[] {
  const tolerations = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork) tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return tolerations;
}

/** AddOrUpdateTolerationInPodSpec for each: an identical toleration is kept in place, others appended. */
function withDaemonTolerations(spec: KubeObject): void {
  const tolerations: KubeObject[] = [...(spec.tolerations ?? [])];
  for (const toleration of daemonTolerations(spec)) {
    const same = (t: KubeObject) => (t.key ?? '') === toleration.key && (t.operator || 'Equal') === toleration.operator && (t.value ?? '') === '' && (t.effect ?? '') === toleration.effect;
    const at = tolerations.findIndex(same);
    if (at < 0) tolerations.push(toleration);
    else tolerations[at] = toleration;
  }
  spec.tolerations = tolerations;
}

/** The Pod the DaemonSet's template makes for `nodeName` (NewPod): for the placement predicates. */
function podForNode(ds: KubeObject, nodeName: string): KubeObject {
  const spec = structuredClone(ds.spec?.template?.spec ?? {});
  spec.nodeName = nodeName;
  withDaemonTolerations(spec);
  return { metadata: { ...ds.spec?.template?.metadata, namespace: ds.metadata.namespace }, spec };
}

/**
 * The Pod template a node's daemon Pod is created from: the DaemonSet's, with the daemon
 * tolerations, the revision labels, and a required node affinity naming that node (so the default
 * scheduler places it, since 1.12).
 */
export function daemonPodTemplate(ds: KubeObject, hash: string, templateGeneration: number | undefined, nodeName: string): KubeObject {
  const template = structuredClone(ds.spec?.template ?? {});
  const metadata = (template.metadata ??= {});
  const spec = (template.spec ??= {});
  withDaemonTolerations(spec);
  metadata.labels = { ...metadata.labels };
  if (templateGeneration !== undefined) metadata.labels[TEMPLATE_GENERATION_LABEL] = String(templateGeneration);
  if (hash) metadata.labels[REVISION_HASH_LABEL] = hash;
  spec.affinity = withNodeNameAffinity(spec.affinity, nodeName);
  return template;
}

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the required terms become one `metadata.name In [node]`. */
function withNodeNameAffinity(affinity: KubeObject | undefined, nodeName: string): KubeObject {
  const selector = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  const out: KubeObject = { ...affinity };
  const nodeAffinity: KubeObject = { ...out.nodeAffinity };
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { ...nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, ...selector };
  out.nodeAffinity = nodeAffinity;
  return out;
}

/** GetTargetNodeName: the node a daemon Pod is bound to, or the one its affinity names. */
export function targetNodeName(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms: KubeObject[] = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of (term.matchFields ?? []) as KubeObject[]) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) return field.values[0];
    }
  }
  return undefined;
}

/** IsPodUpdated: the Pod carries the current revision's hash, or the template generation. */
export function isPodUpdated(pod: KubeObject, hash: string, templateGeneration: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (hash !== '' && labels[REVISION_HASH_LABEL] === hash) || (templateGeneration !== undefined && labels[TEMPLATE_GENERATION_LABEL] === String(templateGeneration));
}

/** A NodeSelectorRequirement on labels (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
function labelRequirementMatches(req: KubeObject, labels: Record<string, string>): boolean {
  const present = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values: string[] = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return present && values.includes(value!);
    case 'NotIn':
      return !present || !values.includes(value!);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      if (!present || values.length !== 1 || !/^-?\d+$/.test(value!) || !/^-?\d+$/.test(values[0]!)) return false;
      return req.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** A field requirement: only `metadata.name` with In or NotIn is valid. */
function fieldRequirementMatches(req: KubeObject, node: KubeObject): boolean {
  if (req.key !== 'metadata.name') return false;
  const values: string[] = req.values ?? [];
  if (req.operator === 'In') return values.includes(node.metadata.name);
  if (req.operator === 'NotIn') return !values.includes(node.metadata.name);
  return false;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): nodeSelector AND any one required term. */
export function requiredAffinityMatches(pod: KubeObject, node: KubeObject): boolean {
  const labels: Record<string, string> = node.metadata?.labels ?? {};
  for (const [key, value] of Object.entries((pod.spec?.nodeSelector ?? {}) as Record<string, string>)) if (labels[key] !== value) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  // An empty term matches no node; the terms are ORed, their requirements ANDed.
  return ((required.nodeSelectorTerms ?? []) as KubeObject[]).some((term) => {
    const exprs: KubeObject[] = term.matchExpressions ?? [];
    const fields: KubeObject[] = term.matchFields ?? [];
    if (exprs.length + fields.length === 0) return false;
    return exprs.every((req) => labelRequirementMatches(req, labels)) && fields.every((req) => fieldRequirementMatches(req, node));
  });
}

/** ToleratesTaint. */
function tolerates(toleration: KubeObject, taint: KubeObject): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if ((toleration.key ?? '') !== '' && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

function untolerated(taints: KubeObject[], tolerations: KubeObject[], effects: string[]): boolean {
  return taints.some((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

export interface Placement {
  /** A daemon Pod should run on the node (it is created if missing). */
  shouldRun: boolean;
  /** A daemon Pod already there may stay (it is deleted if not). */
  shouldContinueRunning: boolean;
}

/** NodeShouldRunDaemonPod. */
export function nodeShouldRunDaemonPod(node: KubeObject, ds: KubeObject): Placement {
  const pod = podForNode(ds, node.metadata.name);
  const wanted = ds.spec?.template?.spec?.nodeName;
  if (wanted && wanted !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  if (!requiredAffinityMatches(pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints: KubeObject[] = node.spec?.taints ?? [];
  const tolerations: KubeObject[] = pod.spec.tolerations ?? [];
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute'])) {
    // A running daemon stays unless a NoExecute taint it does not tolerate would evict it.
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** The Pod template part of a ControllerRevision's data (getPatch: `{"spec":{"template":{…,"$patch":"replace"}}}`). */
export function revisionData(ds: KubeObject): KubeObject {
  return { spec: { template: { ...structuredClone(ds.spec?.template ?? {}), $patch: 'replace' } } };
}

/** Match: the revision holds the DaemonSet's current template. */
export function revisionMatches(ds: KubeObject, revision: KubeObject): boolean {
  return isDeepStrictEqual(revision.data, revisionData(ds));
}
