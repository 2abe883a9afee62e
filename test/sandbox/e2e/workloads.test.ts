/**
 * Deployments, Pods and Services through the real kubectl: create, get, edit, describe, logs,
 * delete, apply, expose, scale and watch — asserting on kubectl's output and on the stored objects.
 */
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';
import { deploymentSettled, isPodReady, objectOf, objectsOf, podsOf } from '../../support/objects.js';

const MANIFESTS = join(import.meta.dirname, '../../fixtures/manifests');
let cluster: TestCluster;
let work: string;
beforeAll(async () => {
  cluster = await startTestCluster();
  work = mkdtempSync(join(tmpdir(), 'kubedojo-workloads-'));
});
afterAll(() => cluster?.stop());

const settled = (name: string, replicas: number) =>
  waitForState(cluster.sandbox, () => deploymentSettled(cluster.sandbox, name, replicas), 20_000, `${name} to have ${replicas} ready replicas`);

function rows(stdout: string): string[][] {
  return stdout.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
}

describe('kubectl create deployment nginx-depl --image=nginx', () => {
  beforeAll(async () => {
    const created = await cluster.kubectl(['create', 'deployment', 'nginx-depl', '--image=nginx']);
    expect(created).toEqual({ stdout: 'deployment.apps/nginx-depl created', stderr: '', exitCode: 0 });
    await settled('nginx-depl', 1);
  });

  it('get deployment / replicaset / pod show the chain Deployment → ReplicaSet → Pod', async () => {
    const deployment = rows((await cluster.kubectl(['get', 'deployment'])).stdout);
    expect(deployment[0]).toEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(deployment[1]?.slice(0, 4)).toEqual(['nginx-depl', '1/1', '1', '1']);

    const rs = rows((await cluster.kubectl(['get', 'replicaset'])).stdout);
    expect(rs[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(rs[1]?.[0]).toMatch(/^nginx-depl-[a-z0-9]{8,10}$/);
    expect(rs[1]?.slice(1, 4)).toEqual(['1', '1', '1']);

    const pods = rows((await cluster.kubectl(['get', 'pod'])).stdout);
    expect(pods[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(pods[1]?.[0]).toMatch(new RegExp(`^${rs[1]?.[0]}-[a-z0-9]{5}$`));
    expect(pods[1]?.slice(1, 4)).toEqual(['1/1', 'Running', '0']);
  });

  it('get pod -o wide adds IP and NODE', async () => {
    const pods = rows((await cluster.kubectl(['get', 'pod', '-o', 'wide'])).stdout);
    expect(pods[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(pods[1]?.[5]).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(pods[1]?.slice(6)).toEqual(['minikube', '<none>', '<none>']);
  });

  it('get deployment -o yaml shows the apiserver defaults', async () => {
    const { stdout } = await cluster.kubectl(['get', 'deployment', 'nginx-depl', '-o', 'yaml']);
    const d = parseYaml(stdout);
    expect(d.apiVersion).toBe('apps/v1');
    expect(d.kind).toBe('Deployment');
    expect(d.metadata.generation).toBe(1);
    expect(d.metadata.labels).toEqual({ app: 'nginx-depl' });
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx-depl' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx-depl' } },
        spec: {
          containers: [
            {
              image: 'nginx',
              imagePullPolicy: 'Always',
              name: 'nginx',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            },
          ],
          dnsPolicy: 'ClusterFirst',
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
          securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(d.status.observedGeneration).toBe(1);
    expect(d.status.conditions.map((c: { type: string; status: string; reason: string }) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
  });

  it('describe deployment and pod show the story in Events', async () => {
    const deployment = await cluster.kubectl(['describe', 'deployment', 'nginx-depl']);
    expect(deployment.exitCode).toBe(0);
    expect(deployment.stdout).toMatch(/^Name:\s+nginx-depl$/m);
    expect(deployment.stdout).toMatch(/^Replicas:\s+1 desired \| 1 updated \| 1 total \| 1 available \| 0 unavailable$/m);
    expect(deployment.stdout).toMatch(/^StrategyType:\s+RollingUpdate$/m);
    expect(deployment.stdout).toMatch(/^RollingUpdateStrategy:\s+25% max unavailable, 25% max surge$/m);
    expect(deployment.stdout).toMatch(/^NewReplicaSet:\s+nginx-depl-[a-z0-9]+ \(1\/1 replicas created\)$/m);
    expect(deployment.stdout).toMatch(/Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set nginx-depl-[a-z0-9]+ (from 0 )?to 1/);

    const pod = podsOf(cluster.sandbox, 'nginx-depl')[0]!;
    const described = await cluster.kubectl(['describe', 'pod', pod.metadata.name]);
    expect(described.exitCode).toBe(0);
    expect(described.stdout).toMatch(/^Status:\s+Running$/m);
    expect(described.stdout).toMatch(/^Node:\s+minikube\/192\.168\.49\.2$/m);
    expect(described.stdout).toMatch(/^Controlled By:\s+ReplicaSet\/nginx-depl-[a-z0-9]+$/m);
    for (const reason of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']) {
      expect(described.stdout).toMatch(new RegExp(`Normal\\s+${reason}\\s`));
    }
  });

  it('logs prints the container output, and logs -f follows it', async () => {
    const pod = podsOf(cluster.sandbox, 'nginx-depl')[0]!;
    const logs = await cluster.kubectl(['logs', pod.metadata.name]);
    expect(logs.exitCode).toBe(0);
    expect(logs.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');

    const follow = cluster.spawn(['logs', '-f', pod.metadata.name]);
    // The stream stays open: kill it once the existing output arrived.
    await new Promise<void>((resolve) => follow.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready for start up') && resolve()));
    expect(follow.exitCode).toBeNull();
    follow.kill('SIGINT');
    const result = await follow;
    expect(String(result.stdout)).toContain('Configuration complete');
  });

  it('edit with an editor that changes the image rolls out a new ReplicaSet', async () => {
    const editor = join(work, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/image: nginx$/image: nginx:1.25/" "$1"\n');
    chmodSync(editor, 0o755);
    const edited = await cluster.kubectl(['edit', 'deployment', 'nginx-depl'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    expect(edited).toEqual({ stdout: 'deployment.apps/nginx-depl edited', stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () => {
      const d = objectOf(cluster.sandbox, 'Deployment', 'nginx-depl');
      return d?.metadata.generation === 2 && deploymentSettled(cluster.sandbox, 'nginx-depl', 1);
    });
    const sets = objectsOf(cluster.sandbox, 'ReplicaSet').filter((r) => r.metadata.labels?.app === 'nginx-depl');
    expect(sets.map((r) => [r.spec.template.spec.containers[0].image, r.spec.replicas]).sort()).toEqual([
      ['nginx', 0],
      ['nginx:1.25', 1],
    ]);
  });

  it('a deleted Pod is replaced by its ReplicaSet', async () => {
    const [pod] = podsOf(cluster.sandbox, 'nginx-depl').filter(isPodReady);
    const deleted = await cluster.kubectl(['delete', 'pod', pod!.metadata.name]);
    expect(deleted).toEqual({ stdout: `pod "${pod!.metadata.name}" deleted`, stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () => {
      const pods = podsOf(cluster.sandbox, 'nginx-depl');
      return pods.length === 1 && pods[0]!.metadata.name !== pod!.metadata.name && isPodReady(pods[0]!);
    });
  });

  it('scale --replicas=4 gives four ready Pods', async () => {
    const scaled = await cluster.kubectl(['scale', '--replicas=4', 'deployment/nginx-depl']);
    expect(scaled).toEqual({ stdout: 'deployment.apps/nginx-depl scaled', stderr: '', exitCode: 0 });
    await settled('nginx-depl', 4);
    expect(podsOf(cluster.sandbox, 'nginx-depl').filter(isPodReady)).toHaveLength(4);
  });

  it('expose --type=LoadBalancer gives a Service whose EXTERNAL-IP stays <pending>', async () => {
    const exposed = await cluster.kubectl(['expose', 'deployment/nginx-depl', '--type=LoadBalancer', '--port', '80']);
    expect(exposed).toEqual({ stdout: 'service/nginx-depl exposed', stderr: '', exitCode: 0 });
    const svc = rows((await cluster.kubectl(['get', 'service', 'nginx-depl'])).stdout)[1]!;
    expect(svc[0]).toBe('nginx-depl');
    expect(svc[1]).toBe('LoadBalancer');
    expect(svc[2]).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(svc[3]).toBe('<pending>');
    expect(svc[4]).toMatch(/^80:3\d{4}\/TCP$/);
    await waitForState(cluster.sandbox, () => (objectOf(cluster.sandbox, 'Endpoints', 'nginx-depl')?.subsets?.[0]?.addresses ?? []).length === 4);
    const described = await cluster.kubectl(['describe', 'service', 'nginx-depl']);
    expect(described.stdout).toMatch(/^Type:\s+LoadBalancer$/m);
    expect(described.stdout).toMatch(/^Endpoints:\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80 \+ 1 more\.\.\.$/m);
  });

  it('delete deployment removes its ReplicaSets and Pods', async () => {
    const deleted = await cluster.kubectl(['delete', 'deployment', 'nginx-depl']);
    expect(deleted).toEqual({ stdout: 'deployment.apps "nginx-depl" deleted', stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () =>
      objectsOf(cluster.sandbox, 'ReplicaSet').every((r) => r.metadata.labels?.app !== 'nginx-depl') &&
      podsOf(cluster.sandbox, 'nginx-depl').length === 0,
    );
    const missing = await cluster.kubectl(['get', 'deployment', 'nginx-depl']);
    expect(missing).toEqual({ stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nginx-depl" not found', exitCode: 1 });
  });
});

describe('manifests: apply, create -f and delete -f', () => {
  const deploymentFile = join(MANIFESTS, 'web-deployment.yaml');
  const serviceFile = join(MANIFESTS, 'web-service.yaml');

  it('apply creates, re-apply of a change configures, re-apply of the same is unchanged', async () => {
    expect(await cluster.kubectl(['apply', '-f', deploymentFile])).toEqual({ stdout: 'deployment.apps/web created', stderr: '', exitCode: 0 });
    expect(await cluster.kubectl(['apply', '-f', serviceFile])).toEqual({ stdout: 'service/web created', stderr: '', exitCode: 0 });
    await settled('web', 2);

    const changed = join(work, 'web-deployment.yaml');
    writeFileSync(changed, readFileSync(deploymentFile, 'utf8').replace('replicas: 2', 'replicas: 3').replace('nginx:1.25', 'nginx:1.26').replace(/ {10}env:\n.*\n.*\n/, ''));
    expect(await cluster.kubectl(['apply', '-f', changed])).toEqual({ stdout: 'deployment.apps/web configured', stderr: '', exitCode: 0 });
    expect(await cluster.kubectl(['apply', '-f', changed])).toEqual({ stdout: 'deployment.apps/web unchanged', stderr: '', exitCode: 0 });
    const d = objectOf(cluster.sandbox, 'Deployment', 'web')!;
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(d.spec.template.spec.containers[0].env).toBeUndefined();
    await settled('web', 3);

    const changedService = join(work, 'web-service.yaml');
    writeFileSync(changedService, readFileSync(serviceFile, 'utf8').replace('port: 80\n', 'port: 8080\n'));
    expect(await cluster.kubectl(['apply', '-f', changedService])).toEqual({ stdout: 'service/web configured', stderr: '', exitCode: 0 });
    const svc = objectOf(cluster.sandbox, 'Service', 'web')!;
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80 }]);
  });

  it('create -f refuses an existing object with the real error text', async () => {
    const again = await cluster.kubectl(['create', '-f', deploymentFile]);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe(`Error from server (AlreadyExists): error when creating "${deploymentFile}": deployments.apps "web" already exists`);
  });

  it('delete -f removes what the file describes', async () => {
    const deleted = await cluster.kubectl(['delete', '-f', deploymentFile, '-f', serviceFile]);
    expect(deleted).toEqual({ stdout: 'deployment.apps "web" deleted\nservice "web" deleted', stderr: '', exitCode: 0 });
    await waitForState(cluster.sandbox, () => podsOf(cluster.sandbox, 'web').length === 0);
    expect(objectOf(cluster.sandbox, 'Service', 'web')).toBeUndefined();
  });

  it('create -f creates from a file', async () => {
    expect(await cluster.kubectl(['create', '-f', deploymentFile])).toEqual({ stdout: 'deployment.apps/web created', stderr: '', exitCode: 0 });
    await settled('web', 2);
  });
});

describe('kubectl get pods -w', () => {
  it('streams changes until interrupted', async () => {
    // Given a running Pod the watch lists first
    await cluster.kubectl(['create', 'deployment', 'watched', '--image=nginx:1.25']);
    await settled('watched', 1);
    const watch = cluster.spawn(['get', 'pods', '-w', '-l', 'app=watched']);
    let seen = '';
    const waiters: (() => void)[] = [];
    watch.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      waiters.forEach((check) => check());
    });
    const saw = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(seen) && resolve();
        waiters.push(check);
        check();
      });
    await saw(/watched-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0/);
    const first = /(watched-[a-z0-9]+-[a-z0-9]{5})/.exec(seen)![1]!;

    // When the Deployment scales up, the new Pod streams through its phases
    await cluster.kubectl(['scale', '--replicas=2', 'deployment/watched']);
    await saw(/(watched-[a-z0-9]+-[a-z0-9]{5})\s+0\/1\s+(Pending|ContainerCreating)[^\n]*\n(.*\n)*?\1\s+1\/1\s+Running/);

    // Then the header came once, the stream is still open, and Ctrl+C ends it
    expect(seen.split('\n')[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    expect(seen.match(/^NAME\s/gm)).toHaveLength(1);
    expect(seen).toContain(first);
    expect(watch.exitCode).toBeNull();
    watch.kill('SIGINT');
    await watch;
  });
});
