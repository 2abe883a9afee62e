/**
 * DaemonSets through the real kubectl, as kube-apiserver 1.32 and the kube-controller-manager
 * serve them: `get ds` and `-o yaml` with the defaulted spec, the template-generation annotation and
 * the status counters; one Pod per node with the controller reference, the revision labels, the
 * node affinity and daemon tolerations; `rollout status` / `history` through a template change;
 * node selectors, labels and taints deciding where the daemon runs; validation errors; and a
 * cascading delete that leaves no Pod or ControllerRevision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { DAEMON_SETS, PODS, CONTROLLER_REVISIONS } from '../../../src/sandbox/controllers/kinds.js';
import { startTestCluster, waitForState, type TestCluster } from '../../support/kubectl.js';

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster?.stop());

const manifest = (name: string, extra: { nodeSelector?: Record<string, string>; image?: string } = {}) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${extra.nodeSelector ? `      nodeSelector: ${JSON.stringify(extra.nodeSelector)}\n` : ''}      containers:
      - name: agent
        image: ${extra.image ?? 'nginx:1.25'}
`;

const store = () => cluster.sandbox.store;
const podsOf = (name: string): KubeObject[] => store().list(PODS, { namespace: 'default', labelSelector: `app=${name}` }).items;
const livePods = (name: string) => podsOf(name).filter((p) => !p.metadata.deletionTimestamp);
const daemonSet = (name: string) => store().peek(DAEMON_SETS, 'default', name);
const waitFor = (what: string, predicate: () => boolean) => waitForState(cluster.sandbox, predicate, 20_000, what);

function rows(stdout: string): string[][] {
  return stdout.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
}

describe('a DaemonSet on the one-node sandbox', () => {
  it('apply makes one Pod on the node; rollout status waits for it; get ds prints the counters', async () => {
    expect(await cluster.kubectl(['apply', '-f', '-'], { input: manifest('agent') })).toEqual({ stdout: 'daemonset.apps/agent created', stderr: '', exitCode: 0 });
    const rollout = await cluster.kubectl(['rollout', 'status', 'ds/agent', '--timeout=30s']);
    expect(rollout.exitCode).toBe(0);
    expect(rollout.stdout.trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    const table = rows((await cluster.kubectl(['get', 'ds'])).stdout);
    expect(table[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect(table[1]?.slice(0, 7)).toEqual(['agent', '1', '1', '1', '1', '1', '<none>']);
    const wide = rows((await cluster.kubectl(['get', 'daemonsets.apps', 'agent', '-o', 'wide'])).stdout);
    expect(wide[0]?.slice(-3)).toEqual(['CONTAINERS', 'IMAGES', 'SELECTOR']);
    expect(wide[1]?.slice(-3)).toEqual(['agent', 'nginx:1.25', 'app=agent']);
  });

  it('-o yaml shows what a 1.32 apiserver stores: defaults, the template generation, the status', async () => {
    const ds = parseYaml((await cluster.kubectl(['get', 'ds', 'agent', '-o', 'yaml'])).stdout);
    expect(ds.metadata.annotations['deprecated.daemonset.template.generation']).toBe('1');
    expect(ds.metadata.generation).toBe(1);
    expect(ds.spec.revisionHistoryLimit).toBe(10);
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(ds.spec.template.metadata).toEqual({ creationTimestamp: null, labels: { app: 'agent' } });
    expect(ds.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30, securityContext: {} });
    expect(ds.status).toEqual({
      currentNumberScheduled: 1,
      desiredNumberScheduled: 1,
      numberAvailable: 1,
      numberMisscheduled: 0,
      numberReady: 1,
      observedGeneration: 1,
      updatedNumberScheduled: 1,
    });
  });

  it('the Pod is the controller’s: owner reference, revision labels, node affinity, daemon tolerations', async () => {
    const [pod] = livePods('agent');
    const ds = daemonSet('agent')!;
    const [revision] = store().list(CONTROLLER_REVISIONS, { namespace: 'default' }).items.filter((r) => r.metadata.ownerReferences?.[0]?.uid === ds.metadata.uid);
    expect(pod!.metadata.generateName).toBe('agent-');
    expect(pod!.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(revision!.metadata.name).toBe(`agent-${revision!.metadata.labels['controller-revision-hash']}`);
    expect(revision!.revision).toBe(1);
    expect(pod!.metadata.labels).toEqual({ app: 'agent', 'controller-revision-hash': revision!.metadata.labels['controller-revision-hash'], 'pod-template-generation': '1' });
    expect(pod!.spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['minikube'] }] }] } } });
    expect(pod!.spec.nodeName).toBe('minikube');
    expect(pod!.spec.tolerations.map((t: KubeObject) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    const events = (await cluster.kubectl(['get', 'events', '--field-selector', 'involvedObject.kind=DaemonSet', '-o', 'jsonpath={range .items[*]}{.reason} {.message} {.source.component}{"\\n"}{end}'])).stdout;
    expect(events).toContain(`SuccessfulCreate Created pod: ${pod!.metadata.name} daemonset-controller`);
  });

  it('a deleted daemon Pod comes back', async () => {
    const [before] = livePods('agent');
    expect((await cluster.kubectl(['delete', 'pod', before!.metadata.name, '--wait=false'])).exitCode).toBe(0);
    await waitFor('a new agent Pod', () => livePods('agent').some((p) => p.metadata.uid !== before!.metadata.uid && p.status?.phase === 'Running'));
    expect(livePods('agent')).toHaveLength(1);
  });

  it('a template change rolls out: generation 2, a second revision, the new Pod replaces the old', async () => {
    expect((await cluster.kubectl(['set', 'image', 'ds/agent', 'agent=nginx:1.26'])).exitCode).toBe(0);
    const rollout = await cluster.kubectl(['rollout', 'status', 'ds/agent', '--timeout=30s']);
    expect(rollout.stdout.trim().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    const ds = daemonSet('agent')!;
    expect(ds.metadata.generation).toBe(2);
    expect(ds.metadata.annotations['deprecated.daemonset.template.generation']).toBe('2');
    await waitFor('only the new Pod', () => podsOf('agent').length === 1);
    const [pod] = podsOf('agent');
    expect(pod!.spec.containers[0].image).toBe('nginx:1.26');
    expect(pod!.metadata.labels['pod-template-generation']).toBe('2');
    const history = rows((await cluster.kubectl(['rollout', 'history', 'ds/agent'])).stdout);
    expect(history.slice(1)).toEqual([['REVISION', 'CHANGE-CAUSE'], ['1', '<none>'], ['2', '<none>']]);
    // A label on the DaemonSet itself is no template change.
    expect((await cluster.kubectl(['label', 'ds', 'agent', 'team=ops'])).exitCode).toBe(0);
    expect(daemonSet('agent')!.metadata.annotations['deprecated.daemonset.template.generation']).toBe('2');
    // And the template generation is the server's: a client cannot set it.
    expect((await cluster.kubectl(['annotate', 'ds', 'agent', 'deprecated.daemonset.template.generation=7', '--overwrite'])).exitCode).toBe(0);
    expect(daemonSet('agent')!.metadata.annotations['deprecated.daemonset.template.generation']).toBe('2');
    expect(daemonSet('agent')!.metadata.generation).toBe(2);
  });

  it('rollout undo goes back to the first template, renumbered as revision 3; describe tells the story', async () => {
    expect(await cluster.kubectl(['rollout', 'undo', 'ds/agent'])).toMatchObject({ stdout: 'daemonset.apps/agent rolled back', exitCode: 0 });
    expect((await cluster.kubectl(['rollout', 'status', 'ds/agent', '--timeout=30s'])).exitCode).toBe(0);
    await waitFor('only the nginx:1.25 Pod', () => podsOf('agent').length === 1 && podsOf('agent')[0]!.spec.containers[0].image === 'nginx:1.25');
    expect(rows((await cluster.kubectl(['rollout', 'history', 'ds/agent'])).stdout).slice(1)).toEqual([['REVISION', 'CHANGE-CAUSE'], ['2', '<none>'], ['3', '<none>']]);
    const describe = (await cluster.kubectl(['describe', 'ds', 'agent'])).stdout;
    expect(describe).toContain('Annotations:    deprecated.daemonset.template.generation: 3');
    expect(describe).toContain('Number of Nodes Scheduled with Up-to-date Pods: 1');
    expect(describe).toContain('Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed');
    expect(describe).toMatch(/Normal +SuccessfulDelete +\S+ +daemonset-controller +Deleted pod: agent-/);
  });

  it('a node selector no node matches runs nothing; labelling the node runs it; an untolerated NoExecute taint evicts it', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: manifest('gpu', { nodeSelector: { accelerator: 'gpu' } }) });
    await waitFor('gpu status observed', () => daemonSet('gpu')?.status?.observedGeneration === 1);
    expect(daemonSet('gpu')!.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0, observedGeneration: 1 });
    expect(rows((await cluster.kubectl(['get', 'ds', 'gpu'])).stdout)[1]?.slice(0, 7)).toEqual(['gpu', '0', '0', '0', '0', '0', 'accelerator=gpu']);
    expect(podsOf('gpu')).toEqual([]);

    await cluster.kubectl(['label', 'node', 'minikube', 'accelerator=gpu']);
    await waitFor('a gpu Pod ready', () => daemonSet('gpu')?.status?.numberReady === 1);

    // NoSchedule keeps new daemons out but lets the running one stay; NoExecute evicts it.
    await cluster.kubectl(['taint', 'node', 'minikube', 'dedicated=db:NoSchedule']);
    await waitFor('desired 0 while the Pod stays', () => daemonSet('gpu')?.status?.desiredNumberScheduled === 0);
    expect(daemonSet('gpu')!.status.numberMisscheduled).toBe(1);
    expect(livePods('gpu')).toHaveLength(1);
    await cluster.kubectl(['taint', 'node', 'minikube', 'dedicated=db:NoExecute']);
    await waitFor('the gpu Pod evicted', () => livePods('gpu').length === 0);

    await cluster.kubectl(['taint', 'node', 'minikube', 'dedicated-']);
    await cluster.kubectl(['label', 'node', 'minikube', 'accelerator-']);
    await waitFor('agent back to 1 ready', () => daemonSet('agent')?.status?.numberReady === 1 && livePods('agent').length === 1);
  });

  it('adopts a matching orphan Pod, then replaces it with one of its own template', async () => {
    expect((await cluster.kubectl(['run', 'stray', '--image=nginx:1.25', '--labels=app=adopt'])).exitCode).toBe(0);
    await waitFor('stray running', () => livePods('adopt')[0]?.status?.phase === 'Running');
    let adopted = false;
    const unsubscribe = store().subscribe((event) => {
      if (event.object.metadata?.name === 'stray' && event.object.metadata.ownerReferences?.[0]?.kind === 'DaemonSet') adopted = true;
    });
    try {
      await cluster.kubectl(['apply', '-f', '-'], { input: manifest('adopt') });
      await waitFor('the stray Pod adopted and replaced', () => adopted && livePods('adopt').length === 1 && livePods('adopt')[0]!.metadata.name !== 'stray' && daemonSet('adopt')?.status?.numberReady === 1);
    } finally {
      unsubscribe();
    }
    expect(livePods('adopt')[0]!.metadata.labels['controller-revision-hash']).toBeDefined();
    expect((await cluster.kubectl(['delete', 'ds', 'adopt'])).exitCode).toBe(0);
  });

  it('refuses what the apiserver refuses, with its words', async () => {
    const bad = manifest('bad').replace('labels: {app: bad}\n    spec', 'labels: {app: other}\n    spec');
    const refused = await cluster.kubectl(['apply', '-f', '-'], { input: bad });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(
      'The DaemonSet "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
    );
    const both = manifest('both').replace('  template:', '  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 1}}\n  template:');
    const surge = await cluster.kubectl(['apply', '-f', '-'], { input: both });
    expect(surge.stderr).toBe(
      'The DaemonSet "both" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    );
    const selector = await cluster.kubectl(['patch', 'ds', 'agent', '--type=merge', '-p', '{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}']);
    expect(selector.stderr).toContain('spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable');
  });

  it('delete cascades: no Pod and no ControllerRevision of it remain', async () => {
    const uid = daemonSet('agent')!.metadata.uid;
    expect(await cluster.kubectl(['delete', 'ds', 'agent', 'gpu'])).toMatchObject({ stdout: 'daemonset.apps "agent" deleted\ndaemonset.apps "gpu" deleted', exitCode: 0 });
    await waitFor('agent Pods gone', () => podsOf('agent').length === 0);
    await waitFor('revisions gone', () => store().list(CONTROLLER_REVISIONS, { namespace: 'default' }).items.every((r) => r.metadata.ownerReferences?.[0]?.uid !== uid));
    expect((await cluster.kubectl(['get', 'ds,controllerrevisions'])).stderr).toBe('No resources found in default namespace.');
  });
});
