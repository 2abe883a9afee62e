/**
 * The learner side of a workshop kubeconfig on the sandbox: recognised by its marker, accepted
 * when its credentials stay in the learner's namespace, refused (naming the permission) when they
 * reach further, and when they expired.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { loadCourse } from '../../src/engine/lessons/load-course.js';
import { createWorkshop } from '../../src/workshop/workshop-commands.js';
import { checkWorkshopKubeconfig, findWorkshopKubeconfig } from '../../src/workshop/learner/workshop-kubeconfig-check.js';
import { learnerKubeconfig, readMarker } from '../../src/workshop/learner-kubeconfig.js';

let cluster: TestCluster;
const out = mkdtempSync(join(tmpdir(), 'kubedojo-learner-test-'));

beforeAll(async () => {
  cluster = await startTestCluster({ speed: 1 });
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.sandbox.kubeconfigPath);
  const { course } = await loadCourse('lessons');
  await createWorkshop({ kubeconfig: admin, course, workshop: 'default', learners: ['ana', 'ben'], expirationSeconds: 3600, outDir: out });
});
afterAll(() => cluster?.stop());

describe('a workshop kubeconfig', () => {
  it('is recognised by its marker, from --kubeconfig or a one-file KUBECONFIG', async () => {
    const file = join(out, 'ana.yaml');
    expect(await findWorkshopKubeconfig(file)).toMatchObject({ file, context: 'kubedojo-workshop-ana', marker: { namespace: 'kubedojo-ana' } });
    expect(await findWorkshopKubeconfig(undefined, file)).toMatchObject({ context: 'kubedojo-workshop-ana' });
    expect(await findWorkshopKubeconfig(undefined, cluster.sandbox.kubeconfigPath)).toBeUndefined();
    await expect(findWorkshopKubeconfig(join(out, 'missing.yaml'))).rejects.toThrow('cannot read that file');
  });

  it('is accepted when its credentials write only in the learner’s namespace', async () => {
    const found = (await findWorkshopKubeconfig(join(out, 'ana.yaml')))!;
    await expect(checkWorkshopKubeconfig(found, { allowRemote: false })).resolves.toBeUndefined();
  });

  it('is refused, naming the permission, when a RoleBinding reaches another learner’s namespace', async () => {
    expect((await cluster.kubectl(['create', 'role', 'oops', '-n', 'kubedojo-ben', '--verb=create,get', '--resource=pods'])).exitCode).toBe(0);
    expect((await cluster.kubectl(['create', 'rolebinding', 'oops', '-n', 'kubedojo-ben', '--role=oops', '--serviceaccount=kubedojo-ana:learner'])).exitCode).toBe(0);
    const found = (await findWorkshopKubeconfig(join(out, 'ana.yaml')))!;
    await expect(checkWorkshopKubeconfig(found, { allowRemote: false })).rejects.toThrow(
      /kubedojo will not use .*ana\.yaml: these credentials may create pods in the namespace kubedojo-ben, not only in kubedojo-ana \(permission: create pods\).*--context kubedojo-workshop-ana --allow-remote/,
    );
    // Named explicitly, the learner's choice stands.
    await expect(checkWorkshopKubeconfig(found, { allowRemote: true })).resolves.toBeUndefined();
    await cluster.kubectl(['delete', 'rolebinding', 'oops', '-n', 'kubedojo-ben']);
  });

  it('is refused when its token can write across the cluster (an admin token with the marker)', async () => {
    const text = readFileSync(join(out, 'ben.yaml'), 'utf8');
    const read = readMarker(text);
    if (!read.found || 'problem' in read) throw new Error('no marker');
    const admin = new KubeConfig();
    admin.loadFromFile(cluster.sandbox.kubeconfigPath);
    const file = join(out, 'admin-with-marker.yaml');
    writeFileSync(file, learnerKubeconfig({ marker: read.marker, server: cluster.sandbox.server, caData: admin.getCurrentCluster()!.caData!, token: cluster.sandbox.token }));
    const found = (await findWorkshopKubeconfig(file))!;
    await expect(checkWorkshopKubeconfig(found, { allowRemote: false })).rejects.toThrow('these credentials may * *.* in every namespace and across the cluster, not only in kubedojo-ben (permission: * *.*)');
  });

  it('is refused once expired, with what to ask the instructor', async () => {
    const found = (await findWorkshopKubeconfig(join(out, 'ana.yaml')))!;
    await expect(checkWorkshopKubeconfig(found, { allowRemote: false, now: Date.parse(found.marker.expires) + 1 })).rejects.toThrow('expired at');
  });
});
