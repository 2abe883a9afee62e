/**
 * `npx kubedojo --kubeconfig learner-07.yaml`: is it a workshop kubeconfig (the marker), are its
 * credentials still valid, and do they stay in the learner's namespace (verify-access.ts)? The
 * answer decides the app's namespace and context; a problem is one clear sentence.
 */
import { readFile } from 'node:fs/promises';
import { delimiter } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { readMarker, type WorkshopMarker } from '../learner-kubeconfig.js';
import { verifyLearnerAccess } from './verify-access.js';

export interface WorkshopKubeconfig {
  file: string;
  context: string;
  marker: WorkshopMarker;
}

export class WorkshopKubeconfigError extends Error {
  override readonly name = 'WorkshopKubeconfigError';
}

/** The workshop kubeconfig named by `--kubeconfig`, or KUBECONFIG when it names one file; undefined for any other. */
export async function findWorkshopKubeconfig(flag: string | undefined, env: string | undefined = process.env.KUBECONFIG): Promise<WorkshopKubeconfig | undefined> {
  const file = flag ?? (env !== undefined && env !== '' && !env.includes(delimiter) ? env : undefined);
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (flag !== undefined) throw new WorkshopKubeconfigError(`--kubeconfig ${flag}: cannot read that file`);
    return undefined;
  }
  const read = readMarker(text);
  if (!read.found) return undefined;
  if ('problem' in read) throw new WorkshopKubeconfigError(`${file} looks like a workshop kubeconfig, but ${read.problem}: ask your instructor for a new one`);
  return { file, context: read.context, marker: read.marker };
}

/**
 * Refuses expired credentials and credentials that reach beyond the learner's namespace (unless
 * the learner passed `--context NAME --allow-remote` for this very context).
 */
export async function checkWorkshopKubeconfig(found: WorkshopKubeconfig, options: { allowRemote: boolean; now?: number }): Promise<void> {
  const now = options.now ?? Date.now();
  if (Date.parse(found.marker.expires) <= now) {
    throw new WorkshopKubeconfigError(`the workshop credentials in ${found.file} expired at ${found.marker.expires}: ask your instructor for new ones (kubedojo workshop extend)`);
  }
  if (options.allowRemote) return;
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(found.file);
  kubeconfig.setCurrentContext(found.context);
  let verdict;
  try {
    verdict = await verifyLearnerAccess(kubeconfig, found.marker.namespace);
  } catch (error) {
    throw new WorkshopKubeconfigError(`could not check the workshop credentials in ${found.file} with the cluster at ${kubeconfig.getCurrentCluster()?.server ?? '?'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!verdict.ok) {
    throw new WorkshopKubeconfigError(
      `kubedojo will not use ${found.file}: ${verdict.reason} (permission: ${verdict.permission}). A workshop kubeconfig must only reach its learner's namespace. ` +
        `If this is your own cluster and you mean it: --kubeconfig ${found.file} --context ${found.context} --allow-remote`,
    );
  }
}
