/**
 * ValidatePodSpec and ValidatePodTemplateSpec of pkg/apis/core/validation/validation.go, in
 * upstream's order so the aggregated message lists errors the way kube-apiserver does.
 */
import type { KubeObject } from '../../api/status.js';
import { child, forbidden, index, invalid, notSupported, required, type FieldError } from '../field-errors.js';
import { goQuote, goStringSlice, rendered } from '../go-format.js';
import { nameIsDNSSubdomain, validateAnnotations, validateLabelName, validateLabelSelector, validateLabels } from '../meta-validation.js';
import { inclusiveRangeError, isDNS1123Subdomain, isIP, isQualifiedName, isValidLabelValue } from '../name-rules.js';
import { dns1123Label, validateContainers, validateInitContainers } from './container.js';
import { validatePodSecurityContext } from './security-context.js';
import { validateVolumes } from './volumes.js';

export interface PodSpecOptions {
  /** The spec belongs to a Pod, not a template (hostNetwork ports must then match exactly). */
  resourceIsPod: boolean;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

const subdomain = (value: string, field: string) => nameIsDNSSubdomain(value, false).map((m) => invalid(field, value, m));

function validateEnum(value: unknown, supported: string[], field: string): FieldError[] {
  if (!value) return [required(field)];
  return supported.includes(String(value)) ? [] : [notSupported(field, String(value), supported)];
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: KubeObject[] | undefined, field: string): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const path = index(field, i);
    if (t.key) errs.push(...validateLabelName(t.key, child(path, 'key')));
    if (!t.key && t.operator !== 'Exists') {
      errs.push(invalid(child(path, 'operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(invalid(child(path, 'effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (!t.operator || t.operator === 'Equal') {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length) errs.push(invalid(child(path, 'operator'), t.value ?? '', msgs.join(';')));
    } else if (t.operator === 'Exists') {
      if (t.value) errs.push(invalid(child(path, 'operator'), t.value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(child(path, 'operator'), t.operator, ['Equal', 'Exists']));
    }
    if (t.effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(notSupported(child(path, 'effect'), t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

/** ValidateNodeSelectorRequirement. */
function validateNodeSelectorRequirement(req: KubeObject, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const values: unknown[] = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(child(field, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(field, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(child(field, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(field, 'operator'), req.operator ?? '', 'not a valid selector operator'));
  }
  return [...errs, ...validateLabelName(req.key ?? '', child(field, 'key'))];
}

function validateNodeSelectorTerm(term: KubeObject, field: string): FieldError[] {
  return [
    ...(term.matchExpressions ?? []).flatMap((r: KubeObject, j: number) => validateNodeSelectorRequirement(r, index(child(field, 'matchExpressions'), j))),
    ...(term.matchFields ?? []).flatMap((r: KubeObject, j: number) => validateNodeSelectorRequirement(r, index(child(field, 'matchFields'), j))),
  ];
}

function validatePodAffinityTerms(terms: KubeObject[] | undefined, weighted: boolean, field: string): FieldError[] {
  return (terms ?? []).flatMap((entry, i) => {
    const path = weighted ? child(index(field, i), 'podAffinityTerm') : index(field, i);
    const term = weighted ? (entry.podAffinityTerm ?? {}) : entry;
    const errs: FieldError[] = [];
    if (weighted && (entry.weight < 1 || entry.weight > 100)) errs.push(invalid(child(index(field, i), 'weight'), entry.weight ?? 0, inclusiveRangeError(1, 100)));
    errs.push(...validateLabelSelector(term.labelSelector, child(path, 'labelSelector')));
    errs.push(...validateLabelSelector(term.namespaceSelector, child(path, 'namespaceSelector')));
    (term.namespaces ?? []).forEach((ns: string) => errs.push(...dns1123Label(ns, child(path, 'namespace'))));
    if (!term.topologyKey) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
    else errs.push(...validateLabelName(term.topologyKey, child(path, 'topologyKey')));
    return errs;
  });
}

function validateAffinity(affinity: KubeObject | undefined, field: string): FieldError[] {
  if (affinity == null) return [];
  const errs: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (node?.requiredDuringSchedulingIgnoredDuringExecution) {
    const path = child(field, 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution');
    const terms: KubeObject[] = node.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms ?? [];
    if (terms.length === 0) errs.push(required(child(path, 'nodeSelectorTerms'), 'must have at least one node selector term'));
    terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, index(child(path, 'nodeSelectorTerms'), i))));
  }
  (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((p: KubeObject, i: number) => {
    const path = index(child(field, 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'), i);
    if (p.weight <= 0 || p.weight > 100) errs.push(invalid(child(path, 'weight'), p.weight ?? 0, 'must be in the range 1-100'));
    errs.push(...validateNodeSelectorTerm(p.preference ?? {}, child(path, 'preference')));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity[kind];
    if (!a) continue;
    errs.push(...validatePodAffinityTerms(a.requiredDuringSchedulingIgnoredDuringExecution, false, child(field, kind, 'requiredDuringSchedulingIgnoredDuringExecution')));
    errs.push(...validatePodAffinityTerms(a.preferredDuringSchedulingIgnoredDuringExecution, true, child(field, kind, 'preferredDuringSchedulingIgnoredDuringExecution')));
  }
  return errs;
}

function validateTopologySpread(constraints: KubeObject[] | undefined, field: string): FieldError[] {
  return (constraints ?? []).flatMap((c, i) => {
    const path = index(field, i);
    const errs: FieldError[] = [];
    if ((c.maxSkew ?? 0) <= 0) errs.push(invalid(child(path, 'maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(child(path, 'topologyKey'), 'can not be empty'));
    else errs.push(...validateLabelName(c.topologyKey, child(path, 'topologyKey')));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) {
      errs.push(notSupported(child(path, 'whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    errs.push(...validateLabelSelector(c.labelSelector, child(path, 'labelSelector')));
    return errs;
  });
}

function validateDNSConfig(config: KubeObject | undefined, policy: string | undefined, field: string): FieldError[] {
  if (policy === 'None') {
    if (config == null) return [required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!config.nameservers?.length) return [required(child(field, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (config == null) return [];
  const errs: FieldError[] = [];
  const servers: string[] = config.nameservers ?? [];
  if (servers.length > 3) errs.push(invalid(child(field, 'nameservers'), rendered(goStringSlice(servers)), 'must not have more than 3 nameservers'));
  servers.forEach((ns, i) => {
    if (!isIP(ns)) errs.push(invalid(index(child(field, 'nameservers'), i), ns, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  (config.searches ?? []).forEach((s: string, i: number) => {
    const trimmed = s.endsWith('.') ? s.slice(0, -1) : s;
    errs.push(...isDNS1123Subdomain(trimmed).map((m) => invalid(index(child(field, 'searches'), i), trimmed, m)));
  });
  (config.options ?? []).forEach((o: KubeObject, i: number) => {
    if (!o.name) errs.push(required(index(child(field, 'options'), i), 'must not be empty'));
  });
  return errs;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: KubeObject | undefined, field: string, opts: PodSpecOptions): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (s.terminationGracePeriodSeconds == null) errs.push(required(child(field, 'terminationGracePeriodSeconds')));
  const volumes = validateVolumes(s.volumes, child(field, 'volumes'));
  errs.push(...volumes.errors);
  const ctx = { volumes: volumes.names, gracePeriod: s.terminationGracePeriodSeconds, podRestartPolicy: s.restartPolicy };
  errs.push(...validateContainers(s.containers, ctx, child(field, 'containers')));
  errs.push(...validateInitContainers(s.initContainers, s.containers, ctx, child(field, 'initContainers')));
  if (s.hostNetwork) {
    (s.containers ?? []).forEach((c: KubeObject, i: number) =>
      (c.ports ?? []).forEach((p: KubeObject, j: number) => {
        if ((opts.resourceIsPod || p.hostPort) && (p.hostPort ?? 0) !== p.containerPort) {
          errs.push(invalid(child(index(child(index(child(field, 'containers'), i), 'ports'), j), 'hostPort'), p.hostPort ?? 0, 'must match `containerPort` when `hostNetwork` is true'));
        }
      }),
    );
  }
  errs.push(...validateEnum(s.restartPolicy, RESTART_POLICIES, child(field, 'restartPolicy')));
  errs.push(...validateEnum(s.dnsPolicy, DNS_POLICIES, child(field, 'dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, child(field, 'nodeSelector')));
  errs.push(...validatePodSecurityContext(s.securityContext, child(field, 'securityContext')));
  (s.imagePullSecrets ?? []).forEach((ref: KubeObject, i: number) => {
    if (Object.keys(ref).some((k) => k !== 'name')) errs.push(invalid(index(child(field, 'imagePullSecrets'), i), rendered(`core.LocalObjectReference{Name:${goQuote(ref.name ?? '')}}`), 'only name may be set'));
  });
  errs.push(...validateAffinity(s.affinity, child(field, 'affinity')));
  errs.push(...validateDNSConfig(s.dnsConfig, s.dnsPolicy, child(field, 'dnsConfig')));
  (s.readinessGates ?? []).forEach((g: KubeObject, i: number) => {
    const path = child(index(child(field, 'readinessGates'), i), 'conditionType');
    errs.push(...isQualifiedName(g.conditionType ?? '').map((m) => invalid(path, g.conditionType ?? '', m)));
  });
  errs.push(...validateTopologySpread(s.topologySpreadConstraints, child(field, 'topologySpreadConstraints')));
  if (s.serviceAccountName) errs.push(...subdomain(s.serviceAccountName, child(field, 'serviceAccountName')));
  if (s.nodeName) errs.push(...subdomain(s.nodeName, child(field, 'nodeName')));
  if (s.activeDeadlineSeconds != null && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(child(field, 'activeDeadlineSeconds'), s.activeDeadlineSeconds, inclusiveRangeError(1, MAX_INT32)));
  }
  if (s.hostname) errs.push(...dns1123Label(s.hostname, child(field, 'hostname')));
  if (s.subdomain) errs.push(...dns1123Label(s.subdomain, child(field, 'subdomain')));
  errs.push(...validateTolerations(s.tolerations, child(field, 'tolerations')));
  (s.hostAliases ?? []).forEach((alias: KubeObject, i: number) => {
    const path = index(child(field, 'hostAliases'), i);
    if (!isIP(alias.ip ?? '')) errs.push(invalid(child(path, 'ip'), alias.ip ?? '', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    (alias.hostnames ?? []).forEach((h: string, j: number) => errs.push(...isDNS1123Subdomain(h).map((m) => invalid(index(child(path, 'hostnames'), j), h, m))));
  });
  if (s.priorityClassName) errs.push(...subdomain(s.priorityClassName, child(field, 'priorityClassName')));
  if (s.runtimeClassName != null) errs.push(...subdomain(s.runtimeClassName, child(field, 'runtimeClassName')));
  if (s.preemptionPolicy != null) errs.push(...validateEnum(s.preemptionPolicy, ['PreemptLowerPriority', 'Never'], child(field, 'preemptionPolicy')));
  if (s.os != null && !['linux', 'windows'].includes(s.os.name)) errs.push(notSupported(child(field, 'os', 'name'), s.os.name ?? '', ['linux', 'windows']));
  return errs;
}

/** ValidatePodTemplateSpec: labels, annotations and the spec, never ephemeral containers. */
export function validatePodTemplateSpec(template: KubeObject | undefined, field: string): FieldError[] {
  const t = template ?? {};
  const errs = [
    ...validateLabels(t.metadata?.labels, child(field, 'labels')),
    ...validateAnnotations(t.metadata?.annotations, child(field, 'annotations')),
    ...validatePodSpec(t.spec, child(field, 'spec'), { resourceIsPod: false }),
  ];
  if (t.spec?.ephemeralContainers?.length) errs.push(forbidden(child(field, 'spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}
