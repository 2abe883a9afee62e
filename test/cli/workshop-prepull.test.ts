/**
 * `kubedojo workshop prepull` end to end on the sandbox (issue 10, bad wifi): the real command line
 * creates its DaemonSet in a namespace of its own, prints progress as the node gets every image,
 * and removes the namespace (DaemonSet and Pods with it) when done. Real kubectl watches record
 * what the cluster went through meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { cliHome, kubedojo } from './support/cli.js';

const NAMESPACE = 'kubedojo-prepull-default';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster({ speed: 20 });
});
afterAll(() => cluster?.stop());

describe('kubedojo workshop prepull on the sandbox', () => {
  it('creates its DaemonSet, shows progress, and removes it when done', async () => {
    // Given watches on every namespace's DaemonSets and Pods, from before the command starts
    const dsWatch = cluster.spawn(['get', 'daemonsets', '-A', '--watch', '-o', 'custom-columns=NS:.metadata.namespace,NAME:.metadata.name,DESIRED:.status.desiredNumberScheduled,READY:.status.numberReady,INIT:.spec.template.spec.initContainers[*].image']);
    const podWatch = cluster.spawn(['get', 'pods', '-n', NAMESPACE, '--watch', '--output-watch-events', '-o', 'custom-columns=EVENT:.type,NAME:.object.metadata.name,OWNER:.object.metadata.ownerReferences[0].kind,PHASE:.object.status.phase']);
    const statusWatch = cluster.spawn(['get', 'pods', '-n', NAMESPACE, '--watch']);
    const images = (await kubedojo(cliHome(), ['images'])).stdout.trim().split('\n');
    expect(images.length).toBeGreaterThan(3);

    // When the instructor pre-pulls the course onto the sandbox
    const run = await kubedojo(cliHome(), ['workshop', 'prepull', '--kubeconfig', cluster.sandbox.kubeconfigPath]);
    for (const watch of [dsWatch, podWatch, statusWatch]) watch.kill();
    const [ds, pods, statuses] = await Promise.all([dsWatch, podWatch, statusWatch]);

    // Then it said what it pulls, how far it got, and that it cleaned up
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Pulling ${images.length} images on every node: ${images.join(', ')}`);
    expect(lines).toContain('1/1 nodes have every image');
    expect(lines.slice(-2)).toEqual(['Done: every node has the course’s images.', `Removed namespace ${NAMESPACE}, and the DaemonSet and its Pods with it.`]);
    // The DaemonSet existed with one init container per image, and went to 1 desired, 1 ready
    const dsRows = String(ds.stdout).split('\n').filter((l) => l.startsWith(NAMESPACE));
    expect(dsRows.length).toBeGreaterThan(0);
    expect(dsRows.some((row) => /kubedojo-prepull +1 +1 /.test(row))).toBe(true);
    expect(dsRows[0]!.trim().split(/\s+/).at(-1)).toBe(images.join(','));
    // Its Pod was the DaemonSet's, ran, and was deleted with the namespace
    const podRows = String(pods.stdout).split('\n');
    expect(podRows.some((row) => /^ADDED +kubedojo-prepull-\w{5} +DaemonSet/.test(row))).toBe(true);
    expect(podRows.some((row) => /^MODIFIED +kubedojo-prepull-\w{5} +DaemonSet +Running/.test(row))).toBe(true);
    expect(podRows.some((row) => /^DELETED +kubedojo-prepull-\w{5} +DaemonSet/.test(row))).toBe(true);
    // It pulled the images one init container at a time before it was ready
    const steps = String(statuses.stdout).split('\n').filter((l) => l.startsWith('kubedojo-prepull-')).map((l) => l.trim().split(/\s+/)[2]);
    expect(steps).toContain(`Init:0/${images.length}`);
    expect(steps).toContain(`Init:${images.length - 1}/${images.length}`);
    expect(steps).toContain('Running');
    // And nothing is left
    expect((await cluster.kubectl(['get', 'namespace', NAMESPACE, '--ignore-not-found', '-o', 'name'])).stdout).toBe('');
    expect((await cluster.kubectl(['get', 'daemonsets,pods', '-A', '-l', 'app.kubernetes.io/name=kubedojo-prepull', '-o', 'name'])).stdout).toBe('');
  }, 180_000);
});
