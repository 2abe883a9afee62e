/**
 * The learner's Role, derived from the course: every kubectl command a lesson runs (commands,
 * solutions, start states), what kubectl asks the API for each of them, plus what the app itself
 * needs (watching the step's kinds, the meter Pod, the progress and pace ConfigMaps). Only the
 * kubectl commands the guard allows are considered (src/engine/commands/kubectl-allow-list.ts).
 *
 * Cluster-scoped writes (`create namespace`) cannot be granted inside a namespace: they are
 * reported, not granted, so `workshop create` can name the lessons that will not work.
 */
import { ALLOWED_KUBECTL_COMMANDS } from '../../engine/commands/kubectl-allow-list.js';
import { scanKubectlArgs } from '../../engine/commands/kubectl-args.js';
import { parseCommandLine } from '../../engine/commands/parse-command-line.js';
import type { Course } from '../../engine/lessons/load-course.js';
import { PACE_CONFIGMAP, PROGRESS_CONFIGMAP } from '../workshop-labels.js';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

interface ResourceRef {
  group: string;
  /** `pods`, `pods/log`. */
  resource: string;
  namespaced: boolean;
}

const RESOURCES: Record<string, ResourceRef> = {
  deployments: { group: 'apps', resource: 'deployments', namespaced: true },
  replicasets: { group: 'apps', resource: 'replicasets', namespaced: true },
  pods: { group: '', resource: 'pods', namespaced: true },
  services: { group: '', resource: 'services', namespaced: true },
  endpoints: { group: '', resource: 'endpoints', namespaced: true },
  endpointslices: { group: 'discovery.k8s.io', resource: 'endpointslices', namespaced: true },
  events: { group: '', resource: 'events', namespaced: true },
  configmaps: { group: '', resource: 'configmaps', namespaced: true },
  secrets: { group: '', resource: 'secrets', namespaced: true },
  namespaces: { group: '', resource: 'namespaces', namespaced: false },
  nodes: { group: '', resource: 'nodes', namespaced: false },
  controllerrevisions: { group: 'apps', resource: 'controllerrevisions', namespaced: true },
};

const ALIASES: Record<string, string> = {
  deploy: 'deployments', deployment: 'deployments', rs: 'replicasets', replicaset: 'replicasets', po: 'pods', pod: 'pods',
  svc: 'services', service: 'services', ep: 'endpoints', endpointslice: 'endpointslices', ev: 'events', event: 'events',
  cm: 'configmaps', configmap: 'configmaps', secret: 'secrets', ns: 'namespaces', namespace: 'namespaces', no: 'nodes', node: 'nodes',
  all: 'all',
};

/** `all` as kubectl expands it (the `all` category). */
const ALL = ['pods', 'services', 'deployments', 'replicasets'];

const READ = ['get', 'list', 'watch'];

/** What kubectl asks for, per command, on the resources it names (and on related ones). */
function verbsFor(command: string, flags: Set<string>): { named: string[]; extra?: [resource: string, verbs: string[]][] } | undefined {
  switch (command) {
    case 'get':
    case 'wait':
      return { named: READ };
    case 'describe':
      return { named: READ, extra: [['events', ['list']], ['replicasets', ['list']], ['endpoints', ['get']]] };
    case 'logs':
      return { named: ['get', 'list'], extra: [['pods', ['get', 'list']], ['pods/log', ['get']], ['replicasets', ['list']]] };
    case 'create':
      return { named: flags.has('edit') ? ['create', 'get', 'patch'] : ['create'] };
    case 'apply':
      return { named: ['get', 'create', 'patch'] };
    case 'delete':
      return { named: ['get', 'list', 'delete', 'watch'] };
    case 'edit':
    case 'patch':
    case 'label':
    case 'annotate':
    case 'set':
      return { named: ['get', 'patch'] };
    case 'replace':
      return { named: ['get', 'update'] };
    case 'scale':
      return { named: ['get'], extra: [['deployments/scale', ['get', 'patch', 'update']], ['replicasets/scale', ['get', 'patch', 'update']]] };
    case 'rollout':
      return { named: ['get', 'list', 'watch', 'patch'], extra: [['replicasets', ['get', 'list', 'watch']], ['controllerrevisions', ['list']]] };
    case 'expose':
      return { named: ['get'], extra: [['services', ['create']]] };
    case 'exec':
      return { named: ['get'], extra: [['pods', ['get', 'list']], ['pods/exec', ['create', 'get']]] };
    case 'port-forward':
      return { named: ['get'], extra: [['pods', ['get', 'list']], ['pods/portforward', ['create', 'get']]] };
    case 'run':
      return { named: [], extra: [['pods', ['create']]] };
    case 'events':
      return { named: [], extra: [['events', ['list', 'watch']]] };
    case 'diff':
      return { named: ['get', 'patch'] };
    default:
      // cluster-info, version, api-resources, explain, auth can-i, config …: discovery or nothing.
      return undefined;
  }
}

/** What a `create <kind>` generator creates. */
const CREATE_GENERATORS: Record<string, string> = { deployment: 'deployments', service: 'services', namespace: 'namespaces', configmap: 'configmaps', secret: 'secrets' };

export interface CourseRules {
  /** The Role's rules in the learner's namespace, sorted and merged. */
  rules: PolicyRule[];
  /** Cluster-scoped reads the course needs (`get nodes`, `get namespaces`): a ClusterRole, read-only. */
  clusterReads: PolicyRule[];
  /** What a learner's credentials do not get, with the lessons that need it: cluster-scoped writes, reads across namespaces. */
  notGranted: { what: string; lessons: string[] }[];
  /** The course runs `kubectl cluster-info`, which lists the Services of kube-system. */
  clusterInfo: boolean;
}

export function courseRules(course: Course): CourseRules {
  const verbs = new Map<string, Set<string>>();
  const notGranted = new Map<string, Set<string>>();
  // `cluster-info` lists kube-system's Services: granted there alone (workshop-plan.ts).
  let clusterInfo = false;
  const add = (resource: string, list: readonly string[]): void => {
    const set = verbs.get(resource) ?? new Set<string>();
    for (const verb of list) set.add(verb);
    verbs.set(resource, set);
  };

  for (const lesson of course.lessons) {
    const lines = [...lesson.start.commands, ...lesson.steps.flatMap((step) => [...(step.command === undefined ? [] : [step.command]), ...step.solution])];
    for (const line of lines) {
      const parsed = parseCommandLine(line);
      if (!parsed.ok || parsed.argv[0] !== 'kubectl') continue;
      const args = scanKubectlArgs(parsed.argv.slice(1));
      const top = args.command[0];
      if (top === undefined || !(top in ALLOWED_KUBECTL_COMMANDS)) continue;
      const flags = new Set(args.flags.map((flag) => flag.name));
      if (top === 'cluster-info') clusterInfo = true;
      const plan = verbsFor(top, flags);
      if (plan === undefined) continue;
      const named = namedResources(args.command, args.args, flags);
      for (const resource of named) {
        const ref = RESOURCES[resource.split('/')[0]!];
        if (ref === undefined) continue;
        const writes = plan.named.filter((verb) => !READ.includes(verb));
        if (!ref.namespaced && writes.length > 0) {
          const key = `${writes.join('/')} ${resource}`;
          notGranted.set(key, (notGranted.get(key) ?? new Set()).add(lesson.id));
          add(resource, plan.named.filter((verb) => READ.includes(verb)));
          continue;
        }
        add(resource, plan.named);
        // Another learner's namespace stays closed, reads included (the Forbidden example).
        if (flags.has('all-namespaces') && ref.namespaced) {
          const key = `list ${resource} in every namespace`;
          notGranted.set(key, (notGranted.get(key) ?? new Set()).add(lesson.id));
        }
      }
      for (const [resource, list] of plan.extra ?? []) add(resource, list);
    }
    // Start manifests are applied by the app: get, create, patch on their kinds (deployments, services).
    if (lesson.start.manifests.length > 0) for (const resource of ['deployments', 'services']) add(resource, ['get', 'create', 'patch']);
  }

  // The app's own needs: resets empty the namespace; the watches behind checks and the Pods panel;
  // the downtime meter's Pod and its log; its own namespace's uid (clusterIdentity).
  for (const resource of ['deployments', 'replicasets', 'services', 'pods']) add(resource, ['get', 'list', 'watch', 'delete', 'deletecollection']);
  for (const resource of ['endpoints', 'events']) add(resource, READ);
  add('pods', ['create']);
  add('pods/log', ['get']);

  const rules: PolicyRule[] = [];
  const clusterReads: PolicyRule[] = [];
  // Deterministic: grouped by API group and identical verb sets.
  const byGroupAndVerbs = new Map<string, PolicyRule>();
  for (const [resource, set] of [...verbs.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const ref = RESOURCES[resource.split('/')[0]!]!;
    const list = [...set].sort();
    if (!ref.namespaced) {
      clusterReads.push({ apiGroups: [ref.group], resources: [resource], verbs: list.filter((verb) => READ.includes(verb)) });
      continue;
    }
    const key = `${ref.group}|${list.join(',')}`;
    const rule = byGroupAndVerbs.get(key);
    if (rule === undefined) byGroupAndVerbs.set(key, { apiGroups: [ref.group], resources: [resource], verbs: list });
    else rule.resources.push(resource);
  }
  rules.push(...byGroupAndVerbs.values());
  // The learner's own namespace object (its uid identifies the cluster for remembered values).
  rules.push({ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] });
  // The progress mirror writes its ConfigMap (made by `workshop create`); the pace is only read.
  rules.push({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'patch', 'update'], resourceNames: [PROGRESS_CONFIGMAP] });
  rules.push({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'], resourceNames: [PACE_CONFIGMAP] });

  return {
    rules,
    clusterReads,
    clusterInfo,
    notGranted: [...notGranted.entries()].map(([what, lessons]) => ({ what, lessons: [...lessons].sort() })),
  };
}

/** The plural resources a command names: `deployment/shop`, `deploy shop`, `pods,services`, `create deployment`. */
function namedResources(command: readonly string[], args: readonly string[], flags: Set<string>): string[] {
  if (command[0] === 'create' && command[1] !== undefined) {
    const created = CREATE_GENERATORS[command[1]];
    return created === undefined ? [] : [created];
  }
  // set image, rollout status …: the resource is the first argument; -f names it in the file (deployments, services).
  if (flags.has('filename')) return ['deployments', 'services'];
  const first = args[0];
  if (first === undefined) return [];
  const word = first.includes('/') ? first.split('/')[0]! : first;
  return word
    .split(',')
    .map((part) => ALIASES[part.toLowerCase().split('.')[0]!] ?? part.toLowerCase().split('.')[0]!)
    .flatMap((resource) => (resource === 'all' ? ALL : [resource]))
    .filter((resource) => RESOURCES[resource] !== undefined);
}

/** A step whose commands reach outside the learner's namespace, and what they need there. */
export interface StepOutside {
  lessonId: string;
  stepId: string;
  /** `create namespaces`, `list pods in every namespace`, `create deployments in the namespace kubedojo-staging`. */
  what: string;
}

/**
 * The steps workshop credentials cannot pass: their command or solution writes a cluster-scoped
 * kind, reads across every namespace, or works in a namespace the command names. The learner's
 * own namespace is pinned, so a command naming no namespace is always inside it.
 */
export function stepsOutsideNamespace(course: Course): StepOutside[] {
  const found: StepOutside[] = [];
  for (const lesson of course.lessons) {
    for (const step of lesson.steps) {
      const lines = [...(step.command === undefined ? [] : [step.command]), ...step.solution];
      const what = lines.map(outsideNamespace).find((reason) => reason !== undefined);
      if (what !== undefined) found.push({ lessonId: lesson.id, stepId: step.id, what });
    }
  }
  return found;
}

function outsideNamespace(line: string): string | undefined {
  const parsed = parseCommandLine(line);
  if (!parsed.ok || parsed.argv[0] !== 'kubectl') return undefined;
  const args = scanKubectlArgs(parsed.argv.slice(1));
  const top = args.command[0];
  if (top === undefined || !(top in ALLOWED_KUBECTL_COMMANDS)) return undefined;
  const flags = new Set(args.flags.map((flag) => flag.name));
  const plan = verbsFor(top, flags);
  if (plan === undefined) return undefined;
  const namespace = args.flags.find((flag) => flag.name === 'namespace')?.value;
  for (const resource of namedResources(args.command, args.args, flags)) {
    const ref = RESOURCES[resource]!;
    const writes = plan.named.filter((verb) => !READ.includes(verb));
    if (!ref.namespaced && writes.length > 0) return `${writes.join('/')} ${resource}`;
    if (ref.namespaced && flags.has('all-namespaces')) return `list ${resource} in every namespace`;
    if (ref.namespaced && namespace !== undefined) return `${plan.named.includes('create') ? 'create' : (writes[0] ?? 'read')} ${resource} in the namespace ${namespace}`;
  }
  return undefined;
}
