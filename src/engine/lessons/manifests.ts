/**
 * Start-state manifests in assets/: they must exist and hold namespaced objects without a
 * namespace, because catch-up applies them in the tutorial namespace (one per learner in
 * workshop mode), and the app never changes anything outside it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import type { Diagnostic } from './diagnostic.js';
import { toPlainData } from './yaml-source.js';

const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass',
  'CustomResourceDefinition', 'PriorityClass', 'IngressClass', 'RuntimeClass',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService',
]);

export type ManifestCheck = { exists: false } | { exists: true; diagnostics: Diagnostic[] };

/** Reads and checks one manifest (`assets/x.yaml`, relative to `root`). */
export async function checkManifest(root: string, manifest: string): Promise<ManifestCheck> {
  const file = join(root, manifest);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { exists: false };
  }
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number | undefined, message: string): void =>
    void diagnostics.push({ file, line: offset === undefined ? 0 : lineCounter.linePos(offset).line, message });

  const docs = parseAllDocuments(text, { lineCounter });
  if (docs.length === 0 || docs.every((doc) => doc.contents === null)) at(undefined, 'holds no Kubernetes objects');
  for (const doc of docs) {
    for (const error of doc.errors) at(error.pos[0], `YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
    if (doc.errors.length > 0 || doc.contents === null) continue;
    const start = doc.contents.range?.[0];
    const converted = toPlainData(doc, 0);
    converted.errors.forEach((problem) => at(start, problem.message));
    if (converted.errors.length > 0) continue;
    const object = converted.data;
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      at(start, 'expected a Kubernetes object (a mapping with kind and metadata.name)');
      continue;
    }
    const { kind, metadata } = object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
    if (typeof kind !== 'string') at(start, 'kind: required');
    else if (CLUSTER_SCOPED.has(kind)) at(nodeStart(doc, ['kind']), `kind: ${kind} is cluster-wide, and lessons only change their namespace`);
    if (typeof metadata?.name !== 'string') at(start, 'metadata.name: required');
    if (metadata?.namespace !== undefined) {
      at(nodeStart(doc, ['metadata', 'namespace']), 'metadata.namespace: leave it out, catch-up applies manifests in the tutorial namespace');
    }
  }
  return { exists: true, diagnostics };
}

function nodeStart(doc: ReturnType<typeof parseAllDocuments>[number], path: string[]): number | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range?.[0];
}
