import { afterEach, describe, expect, test } from 'vitest';
import { findImage } from '../../../src/sandbox/node/image-catalog.js';
import { pullError } from '../../../src/sandbox/node/image-puller.js';
import { edit, eventsFor, isReady, pod, podOf, recordEvents, slack, startNodeCluster, statusOf, T, type Cluster } from './harness.js';

let cluster: Cluster;
afterEach(() => cluster?.stop());

describe('the image catalog', () => {
  test('knows the course images and their tags, and nothing else', () => {
    expect(findImage('nginx')).toMatchObject({ tag: 'latest', app: { kind: 'nginx', version: '1.27.3' }, stopSignal: 'SIGQUIT', userland: 'gnu' });
    expect(findImage('docker.io/library/nginx:1.26')?.app).toEqual({ kind: 'nginx', version: '1.26.2' });
    expect(findImage('nginx:1.25-alpine')).toMatchObject({ userland: 'busybox', app: { version: '1.25.5' } });
    expect(findImage('nginx:alpine')?.app).toEqual({ kind: 'nginx', version: '1.27.3' });
    expect(findImage('busybox')).toMatchObject({ cmd: ['sh'], app: { kind: 'none' } });
    expect(findImage('kubedojo/shop:2')?.app).toEqual({ kind: 'demo', app: 'shop', version: 2, warmupSeconds: 20 });
    expect(findImage('jahongirr/myapp:1')?.app).toEqual({ kind: 'demo', app: 'myapp', version: 1, warmupSeconds: 0 });
    expect(findImage('mongo')?.sizeBytes).toBeGreaterThan(500_000_000);
    expect(findImage('kubedojo/shop')).toBeUndefined();
    expect(findImage('nginx:1.99')).toBeUndefined();
  });

  test('a missing tag, a missing repository and an unknown registry fail as docker and containerd say', () => {
    expect(pullError('nginx:nope', 'docker')).toBe('Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown');
    expect(pullError('kubedojo/shop', 'docker')).toBe('Error response from daemon: manifest for kubedojo/shop:latest not found: manifest unknown: manifest unknown');
    expect(pullError('nosuchimage:1', 'docker')).toBe("Error response from daemon: pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied");
    expect(pullError('registry.example.test/app:1', 'docker')).toBe('Error response from daemon: Get "https://registry.example.test/v2/": dial tcp: lookup registry.example.test on 192.168.49.1:53: no such host');
    expect(pullError('nginx:nope', 'containerd')).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found',
    );
  });
});

describe('pulling', () => {
  test('an unknown tag: ErrImagePull, then ImagePullBackOff, retried after 10 s, 20 s, 40 s; set image recovers', async () => {
    cluster = startNodeCluster({ speed: 100 });
    const seen = recordEvents(cluster, 'web', ['Pulling', 'Failed', 'BackOff']);
    const states: string[] = [];
    cluster.store.subscribe(() => {
      const reason = statusOf(cluster, 'web').state?.waiting?.reason;
      if (reason && reason !== states.at(-1)) states.push(reason);
    });
    cluster.registry.create(T.pods, 'default', pod('web', { image: 'nginx:nope' }));
    await cluster.waitFor('the fourth pull', () => seen.filter((e) => e.reason === 'Pulling').length === 4, 20_000);

    const messages = new Set(seen.map((e) => `${e.reason}: ${e.message}`));
    expect([...messages]).toEqual([
      'Pulling: Pulling image "nginx:nope"',
      'Failed: Failed to pull image "nginx:nope": Error response from daemon: manifest for nginx:nope not found: manifest unknown: manifest unknown',
      'Failed: Error: ErrImagePull',
      'BackOff: Back-off pulling image "nginx:nope"',
      'Failed: Error: ImagePullBackOff',
    ]);
    expect(states.slice(0, 3)).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    // ImagePullBackOff follows the failure within the PLEG relist, not after a full resync.
    const firstFailure = seen.find((e) => e.message === 'Error: ErrImagePull')!.at;
    expect(seen.find((e) => e.reason === 'BackOff')!.at - firstFailure).toBeLessThan(1 + slack(cluster));
    // Each retry waits the back-off (10 s doubling), then at most one pod-worker resync (≤ 15 s).
    const pulls = seen.filter((e) => e.reason === 'Pulling').map((e) => e.at);
    const gaps = pulls.slice(1).map((at, i) => at - pulls[i]!);
    [10, 20, 40].forEach((backoff, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(backoff);
      expect(gaps[i]).toBeLessThan(backoff + 15 + slack(cluster));
    });
    expect(statusOf(cluster, 'web').state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:nope"' });
    expect(podOf(cluster, 'web').status.phase).toBe('Pending');

    // kubectl set image to a real tag: the kubelet syncs at once, and the new image has no back-off.
    edit(cluster, T.pods, 'default', 'web', (p) => {
      p.spec.containers[0].image = 'nginx:1.27';
    });
    await cluster.waitFor('Ready on nginx:1.27', () => isReady(podOf(cluster, 'web')), 10_000);
    expect(statusOf(cluster, 'web')).toMatchObject({ image: 'nginx:1.27', restartCount: 0, state: { running: {} } });
  }, 30_000);

  test('a repository that does not exist', async () => {
    cluster = startNodeCluster();
    cluster.registry.create(T.pods, 'default', pod('ghost', { image: 'jahongirr/myapp-typo:1' }));
    await cluster.waitFor('ErrImagePull', () => eventsFor(cluster, podOf(cluster, 'ghost')).some((e) => e.message === 'Error: ErrImagePull'));
    const failed = eventsFor(cluster, podOf(cluster, 'ghost')).find((e) => e.message.startsWith('Failed to pull'))!;
    expect(failed.message).toBe(
      `Failed to pull image "jahongirr/myapp-typo:1": Error response from daemon: pull access denied for jahongirr/myapp-typo, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    );
  });

  test('imagePullPolicy: IfNotPresent uses the node cache, Always pulls again, Never does not pull', async () => {
    cluster = startNodeCluster();
    const pulledOf = (name: string) => eventsFor(cluster, podOf(cluster, name)).filter((e) => e.reason === 'Pulled' || e.reason === 'Pulling' || e.reason === 'ErrImageNeverPull').map((e) => e.message);
    cluster.registry.create(T.pods, 'default', pod('first', { image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }));
    await cluster.waitFor('first Ready', () => isReady(podOf(cluster, 'first')));
    expect(pulledOf('first')[0]).toBe('Pulling image "nginx:1.25"');

    cluster.registry.create(T.pods, 'default', pod('cached', { image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }));
    cluster.registry.create(T.pods, 'default', pod('always', { image: 'nginx:1.25', imagePullPolicy: 'Always' }));
    cluster.registry.create(T.pods, 'default', pod('never', { image: 'busybox:1.36', imagePullPolicy: 'Never' }));
    await cluster.waitFor('cached and always Ready', () => isReady(podOf(cluster, 'cached')) && isReady(podOf(cluster, 'always')));
    await cluster.waitFor('never fails', () => statusOf(cluster, 'never').state?.waiting?.reason === 'ErrImageNeverPull');
    expect(pulledOf('cached')).toEqual(['Container image "nginx:1.25" already present on machine']);
    const always = pulledOf('always');
    expect(always[0]).toBe('Pulling image "nginx:1.25"');
    // A present image only has its manifest checked: well under a second.
    expect(always[1]).toMatch(/^Successfully pulled image "nginx:1\.25" in \d+ms \(\d+ms including waiting\)\. Image size: 187694648 bytes\.$/);
    expect(pulledOf('never')).toEqual(['Container image "busybox:1.36" is not present with pull policy of Never']);
    expect(statusOf(cluster, 'never').state.waiting.message).toBe('Container image "busybox:1.36" is not present with pull policy of Never');
  });
});
