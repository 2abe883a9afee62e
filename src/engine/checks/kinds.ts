/**
 * The Kubernetes kinds a check can look at, and the names kubectl accepts for them
 * (`deploy`, `deployments`, `deployments.apps`), so lesson authors write what they would type.
 */

export const KINDS = [
  'Deployment',
  'ReplicaSet',
  'Pod',
  'Service',
  'Endpoints',
  'Namespace',
  'Node',
  'Event',
  'ConfigMap',
  'Secret',
] as const;

export type Kind = (typeof KINDS)[number];

interface KindNames {
  singular: string;
  plural: string;
  short?: string;
}

const NAMES: Record<Kind, KindNames> = {
  Deployment: { singular: 'deployment', plural: 'deployments', short: 'deploy' },
  ReplicaSet: { singular: 'replicaset', plural: 'replicasets', short: 'rs' },
  Pod: { singular: 'pod', plural: 'pods', short: 'po' },
  Service: { singular: 'service', plural: 'services', short: 'svc' },
  Endpoints: { singular: 'endpoints', plural: 'endpoints', short: 'ep' },
  Namespace: { singular: 'namespace', plural: 'namespaces', short: 'ns' },
  Node: { singular: 'node', plural: 'nodes', short: 'no' },
  Event: { singular: 'event', plural: 'events', short: 'ev' },
  ConfigMap: { singular: 'configmap', plural: 'configmaps', short: 'cm' },
  Secret: { singular: 'secret', plural: 'secrets' },
};

const BY_ALIAS = new Map<string, Kind>();
for (const kind of KINDS) {
  const names = NAMES[kind];
  for (const alias of [kind.toLowerCase(), names.singular, names.plural, names.short]) {
    if (alias !== undefined) BY_ALIAS.set(alias, kind);
  }
}

/** `deploy`, `Deployments`, `deployments.apps` → `Deployment`; undefined for unknown words. */
export function kindFromAlias(word: string): Kind | undefined {
  // kubectl accepts `resource.group` (`deployments.apps`); the group adds nothing for our kinds.
  const resource = word.toLowerCase().split('.')[0] ?? '';
  return BY_ALIAS.get(resource);
}

/** `deployment`: how messages name one object of this kind, as kubectl does. */
export function singularName(kind: Kind): string {
  return NAMES[kind].singular;
}

/** `deployments`: how messages name a set of objects of this kind. */
export function pluralName(kind: Kind): string {
  return NAMES[kind].plural;
}

/** The lowercase names a lesson may use, for "unknown kind" messages. */
export function knownKindNames(): string[] {
  return KINDS.map((kind) => NAMES[kind].singular);
}
