/**
 * Does the command a learner ran count as the one a `ran` check declares? (issue #8, item 5;
 * the rules are written for authors in lessons/README.md, "`ran`".)
 *
 * Both command lines are read the way kubectl reads them — verb, resource, names or selector,
 * namespace, other flags — and must agree on each:
 *   - the verb (`get`, `describe`, `rollout status`, `create deployment`, `logs` …) is the same;
 *   - the declared resources are among the ones run, aliases normalised (`po`, `pods`, `pod`);
 *   - declared names are named; a declared selector is given (`-l app=web,tier=db` in any order)
 *     or every object named instead matches it; for `logs`/`exec`, a declared `deployment/web`
 *     is also met by naming one of its Pods;
 *   - the namespace is the same: `-n X`, `-A`, or none (the tutorial namespace, also spelt out);
 *   - every other declared flag and word is there; extra ones (`-o wide`) are fine.
 * Without a cluster view (lint) only the literal forms count.
 */
import { flagValue, scanKubectlArgs, type KubectlFlag } from '../commands/kubectl-args.js';
import { parseCommandLine } from '../commands/parse-command-line.js';
import type { ClusterView } from './cluster-view.js';
import type { KubeObject } from './k8s.js';
import { kindFromAlias, singularName, type Kind } from './kinds.js';
import { formatSelector, matchesSelector, parseSelector, type LabelSelector } from './label-selector.js';

export interface RanMatchOptions {
  /** The tutorial namespace; default `kubedojo`. */
  namespace?: string;
  /** Lets a Pod's name stand for a selector or a Deployment it belongs to. */
  view?: ClusterView;
}

/** Verbs whose first word after them is a sub-verb: `rollout status`, `create deployment`. */
const TWO_WORD_VERBS = new Set(['rollout', 'create', 'set', 'config', 'auth', 'top', 'certificate', 'apply', 'cluster-info']);
/** Verbs that act on one Pod: their target is a Pod name or `TYPE/NAME` picking one of its Pods. */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);
/** Flags compared on their own terms below, not as "declared flag present". */
const TARGET_FLAGS = new Set(['namespace', 'all-namespaces', 'selector']);

interface Target {
  verb: string;
  /** Normalised resource words (`pod`, `deployment`); empty when none is written. */
  resources: string[];
  /** `resource/name` pairs, normalised. */
  objects: string[];
  selector: string | undefined;
  /** A namespace name, or `*` for every namespace. */
  namespace: string;
  flags: KubectlFlag[];
  /** Words that are neither resource nor name (`nginx=nginx:1.25` of `set image`). */
  extras: string[];
  afterDashDash: string[];
}

function normalizeResource(word: string): string {
  const kind = kindFromAlias(word);
  return kind === undefined ? word.toLowerCase() : singularName(kind);
}

function normalizeSelector(text: string): string {
  const parsed = parseSelector(text);
  if (!parsed.ok) return text;
  return formatSelector(parsed.selector).split(',').sort().join(',');
}

function readTarget(args: readonly string[], defaultNamespace: string): Target {
  const scanned = scanKubectlArgs(args);
  const words = [...scanned.positionals];
  const first = words.shift() ?? '';
  const verb = TWO_WORD_VERBS.has(first) && words.length > 0 ? `${first} ${words.shift()}` : first;
  const resources: string[] = [];
  const objects: string[] = [];
  const extras: string[] = [];
  const selector = flagValue(scanned, 'selector');
  const namespace = scanned.flags.some((flag) => flag.name === 'all-namespaces' && flag.value !== 'false')
    ? '*'
    : (flagValue(scanned, 'namespace') ?? defaultNamespace);

  if (POD_VERBS.has(first) || first === 'create') {
    // `logs NAME`, `logs deploy/NAME`, `create deployment NAME`: one target, the rest is extra.
    const target = words.shift();
    if (target !== undefined) {
      const slash = target.indexOf('/');
      const resource = first === 'create' ? normalizeResource(verb.split(' ')[1] ?? '') : slash === -1 ? 'pod' : normalizeResource(target.slice(0, slash));
      objects.push(`${resource}/${slash === -1 ? target : target.slice(slash + 1)}`);
      resources.push(resource);
    } else if (POD_VERBS.has(first)) resources.push('pod');
    extras.push(...words);
  } else if (words[0]?.includes('/')) {
    // `get deploy/a pod/b`: every word is TYPE/NAME (extra words with `=` stay extras).
    for (const word of words) {
      const slash = word.indexOf('/');
      if (slash === -1 || word.includes('=')) {
        extras.push(word);
        continue;
      }
      const resource = normalizeResource(word.slice(0, slash));
      resources.push(resource);
      objects.push(`${resource}/${word.slice(slash + 1)}`);
    }
  } else if (words.length > 0) {
    // `get pods,svc a b`: a resource list, then names of (each of) those resources.
    const listed = words.shift()!.split(',').filter(Boolean).map(normalizeResource);
    resources.push(...listed);
    for (const word of words) {
      if (word.includes('=')) extras.push(word);
      else for (const resource of listed) objects.push(`${resource}/${word}`);
    }
  }
  return {
    verb,
    resources: [...new Set(resources)],
    objects,
    selector: selector === undefined ? undefined : normalizeSelector(selector),
    namespace,
    flags: scanned.flags.filter((flag) => !TARGET_FLAGS.has(flag.name)),
    extras,
    afterDashDash: scanned.afterDashDash,
  };
}

function sameFlag(wanted: KubectlFlag, actual: KubectlFlag): boolean {
  return wanted.name === actual.name && (wanted.value === undefined || wanted.value === actual.value);
}

function kindOf(resource: string): Kind | undefined {
  return kindFromAlias(resource);
}

/** The object `resource/name` from the view, when the view holds that kind. */
function lookUp(view: ClusterView | undefined, object: string): KubeObject | undefined {
  const slash = object.indexOf('/');
  const kind = kindOf(object.slice(0, slash));
  return view === undefined || kind === undefined ? undefined : view.get(kind, object.slice(slash + 1));
}

/** Every object A names is in the view and matches selector `text`. */
function namedObjectsMatch(objects: readonly string[], text: string, view: ClusterView | undefined): boolean {
  const parsed = parseSelector(text);
  if (!parsed.ok || objects.length === 0) return false;
  return objects.every((object) => {
    const found = lookUp(view, object);
    return found !== undefined && matchesSelector(found.metadata?.labels, parsed.selector);
  });
}

/** `logs deployment/web` is met by `logs web-7c5d-x8k2p` when that Pod is one of web's. */
function podOfWorkload(wanted: string, actual: string, view: ClusterView | undefined): boolean {
  if (!actual.startsWith('pod/')) return false;
  const workload = lookUp(view, wanted) as { spec?: { selector?: LabelSelector } } | undefined;
  const pod = lookUp(view, actual);
  const selector = workload?.spec?.selector;
  return selector !== undefined && pod !== undefined && matchesSelector(pod.metadata?.labels, selector);
}

function targetsMatch(wanted: Target, actual: Target, podVerb: boolean, view: ClusterView | undefined): boolean {
  if (!wanted.resources.every((resource) => actual.resources.includes(resource))) {
    // A Pod verb aimed at a Deployment is met by one of its Pods (checked below).
    if (!(podVerb && actual.resources.includes('pod'))) return false;
  }
  if (wanted.selector !== undefined && wanted.selector !== actual.selector) {
    if (actual.selector !== undefined || !namedObjectsMatch(actual.objects, wanted.selector, view)) return false;
  }
  return wanted.objects.every(
    (object) => actual.objects.includes(object) || (podVerb && actual.objects.some((other) => podOfWorkload(object, other, view))),
  );
}

export function ranMatches(wanted: readonly string[], actual: readonly string[], options: RanMatchOptions = {}): boolean {
  const [wantedProgram, ...wantedArgs] = wanted;
  const [actualProgram, ...actualArgs] = actual;
  if (wantedProgram !== actualProgram) return false;
  const namespace = options.namespace ?? 'kubedojo';
  const want = readTarget(wantedArgs, namespace);
  const have = readTarget(actualArgs, namespace);
  if (wantedProgram !== 'kubectl') {
    // minikube: its words in order (`minikube start` is met by `minikube start --driver=docker`).
    return want.verb === have.verb && want.flags.every((flag) => have.flags.some((other) => sameFlag(flag, other)));
  }
  if (want.verb !== have.verb || want.namespace !== have.namespace) return false;
  if (!targetsMatch(want, have, POD_VERBS.has(want.verb), options.view)) return false;
  if (!want.extras.every((word) => have.extras.includes(word))) return false;
  if (!want.afterDashDash.every((word, i) => have.afterDashDash[i] === word)) return false;
  return want.flags.every((flag) => have.flags.some((other) => sameFlag(flag, other)));
}

/** Splits each declared command line (validated by the schema) and matches any of them. */
export function ranMatchesAny(wantedLines: readonly string[], actual: readonly string[], options: RanMatchOptions = {}): boolean {
  return wantedLines.some((line) => {
    const parsed = parseCommandLine(line);
    return parsed.ok && ranMatches(parsed.argv, actual, options);
  });
}

/** The kinds a `ran` check needs watched to match names against selectors and Deployments. */
export function kindsReadByRan(wantedLines: readonly string[]): Kind[] {
  const kinds = new Set<Kind>();
  for (const line of wantedLines) {
    const parsed = parseCommandLine(line);
    if (!parsed.ok || parsed.argv[0] !== 'kubectl') continue;
    const target = readTarget(parsed.argv.slice(1), 'kubedojo');
    if (target.selector === undefined && target.objects.length === 0) continue;
    for (const resource of [...target.resources, 'pod']) {
      const kind = kindOf(resource);
      if (kind !== undefined) kinds.add(kind);
    }
  }
  return [...kinds];
}
