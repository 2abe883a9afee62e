/**
 * The PATCH bodies the real kubectl 1.32 sends for the course's commands, applied to objects as
 * kube-apiserver serves them. Each expectation is the whole patched object.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, applyPatch } from '../../../src/sandbox/patch/index.js';
import { deployment, lastApplied, service } from './fixtures.js';
import {
  deploymentManifestEdited,
  deploymentManifestRecreate,
  deploymentManifestV2,
  kubectlBodies,
  serviceManifestV2,
} from './kubectl-bodies.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A copy of `object` with the changes a test expects. */
function changed(object: KubeObject, change: (copy: KubeObject) => void): KubeObject {
  const copy = structuredClone(object);
  change(copy);
  return copy;
}

const smp = (object: KubeObject, body: unknown, kind = object.kind as string): KubeObject =>
  applyPatch(STRATEGIC_MERGE_PATCH, object, body, kind);

describe('strategic merge patches kubectl sends', () => {
  it('kubectl set image changes only the named container image', () => {
    expect(smp(deployment, kubectlBodies.setImage)).toEqual(
      changed(deployment, (d) => {
        d.spec.template.spec.containers[0].image = 'nginx:1.26';
      }),
    );
  });

  it('kubectl edit changes the image and refreshes the last-applied annotation', () => {
    expect(smp(deployment, kubectlBodies.editImage)).toEqual(
      changed(deployment, (d) => {
        d.metadata.annotations[LAST_APPLIED] = lastApplied(deploymentManifestEdited);
        d.spec.template.spec.containers[0].image = 'nginx:1.26';
      }),
    );
  });

  it('kubectl apply of a changed Deployment: new image, env var deleted by $patch, replicas removed by null', () => {
    expect(smp(deployment, kubectlBodies.applyDeployment)).toEqual(
      changed(deployment, (d) => {
        d.metadata.annotations[LAST_APPLIED] = lastApplied(deploymentManifestV2);
        delete d.spec.replicas;
        d.spec.template.spec.containers[0].image = 'nginx:1.26';
        d.spec.template.spec.containers[0].env = [{ name: 'MODE', value: 'blue' }];
      }),
    );
  });

  it('kubectl apply of a changed Service: port 443 deleted, port 80 merged by its key keeps its defaults', () => {
    expect(smp(service, kubectlBodies.applyService)).toEqual(
      changed(service, (s) => {
        s.metadata.annotations[LAST_APPLIED] = lastApplied(serviceManifestV2);
        s.spec.ports = [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8081 }];
      }),
    );
  });

  it('kubectl apply switching to Recreate: $retainKeys clears the defaulted rollingUpdate', () => {
    expect(smp(deployment, kubectlBodies.applyRecreate)).toEqual(
      changed(deployment, (d) => {
        d.metadata.annotations[LAST_APPLIED] = lastApplied(deploymentManifestRecreate);
        d.spec.strategy = { type: 'Recreate' };
      }),
    );
  });

  it('kubectl edit switching to Recreate: $retainKeys with rollingUpdate set to null', () => {
    expect(smp(deployment, kubectlBodies.editRecreate)).toEqual(
      changed(deployment, (d) => {
        d.spec.strategy = { type: 'Recreate' };
      }),
    );
  });

  it('a hand-written patch without $retainKeys keeps rollingUpdate next to type Recreate', () => {
    // The real server then refuses it in validation: rollingUpdate is forbidden with Recreate.
    expect(smp(deployment, { spec: { strategy: { type: 'Recreate' } } })).toEqual(
      changed(deployment, (d) => {
        d.spec.strategy = { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'Recreate' };
      }),
    );
  });

  it('kubectl rollout restart adds the restartedAt annotation to the pod template', () => {
    expect(smp(deployment, kubectlBodies.rolloutRestart)).toEqual(
      changed(deployment, (d) => {
        d.spec.template.metadata = {
          creationTimestamp: null,
          labels: { app: 'web' },
          annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T04:42:22Z' },
        };
      }),
    );
  });

  it('kubectl rollout pause sets spec.paused, and resume removes it with null', () => {
    const paused = smp(deployment, kubectlBodies.rolloutPause);
    expect(paused).toEqual(
      changed(deployment, (d) => {
        d.spec.paused = true;
      }),
    );
    expect(smp(paused, kubectlBodies.rolloutResume)).toEqual(deployment);
  });
});

describe('JSON merge patches kubectl sends', () => {
  /** The autoscaling/v1 Scale the deployments/scale subresource serves for `web`. */
  const scale: KubeObject = {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: deployment.metadata.uid,
      resourceVersion: '1042',
      creationTimestamp: '2025-03-01T10:00:00Z',
    },
    spec: { replicas: 3 },
    status: { replicas: 3, selector: 'app=web' },
  };

  it('kubectl scale patches spec.replicas of the Scale', () => {
    expect(applyPatch(MERGE_PATCH, scale, kubectlBodies.scale, 'Scale')).toEqual(
      changed(scale, (s) => {
        s.spec.replicas = 5;
      }),
    );
  });

  it('kubectl label adds a label', () => {
    expect(applyPatch(MERGE_PATCH, deployment, kubectlBodies.label, 'Deployment')).toEqual(
      changed(deployment, (d) => {
        d.metadata.labels = { app: 'web', tier: 'frontend' };
      }),
    );
  });

  it('kubectl annotate adds an annotation next to the existing ones', () => {
    expect(applyPatch(MERGE_PATCH, deployment, kubectlBodies.annotate, 'Deployment')).toEqual(
      changed(deployment, (d) => {
        d.metadata.annotations.owner = 'team-a';
      }),
    );
  });

  it('kubectl label app- removes the label with null, leaving an empty map', () => {
    expect(applyPatch(MERGE_PATCH, deployment, kubectlBodies.unlabel, 'Deployment')).toEqual(
      changed(deployment, (d) => {
        d.metadata.labels = {};
      }),
    );
  });
});

describe('the JSON patch kubectl rollout undo sends', () => {
  const atRevision2 = changed(deployment, (d) => {
    d.metadata.annotations['deployment.kubernetes.io/revision'] = '2';
    d.metadata.generation = 2;
    d.status.observedGeneration = 2;
  });

  it('replaces the pod template with the old ReplicaSet one and the annotations wholesale', () => {
    const [template, annotations] = kubectlBodies.rolloutUndo as unknown as [{ value: KubeObject }, { value: KubeObject }];
    expect(applyPatch(JSON_PATCH, atRevision2, kubectlBodies.rolloutUndo, 'Deployment')).toEqual(
      changed(atRevision2, (d) => {
        d.spec.template = template.value;
        d.metadata.annotations = annotations.value;
      }),
    );
    expect(template.value.spec.containers[0].image).toBe('nginx:1.24');
  });
});
