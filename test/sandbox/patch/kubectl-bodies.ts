/**
 * PATCH bodies captured from the real kubectl 1.32 talking to a recording server that served the
 * objects of fixtures.ts (the commands are named on each). The last-applied annotations inside are
 * kubectl's own, rebuilt from the manifests below.
 */
import type { KubeObject } from '../../../src/sandbox/api/status.js';
import { deploymentManifest, lastApplied } from './fixtures.js';

/** web.yaml re-applied: image nginx:1.26, env DEBUG and replicas removed. */
export const deploymentManifestV2: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            env: [{ name: 'MODE', value: 'blue' }],
            image: 'nginx:1.26',
            name: 'nginx',
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    },
  },
};

/** web.yaml re-applied: the https port removed, http now targets 8081. */
export const serviceManifestV2: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' },
  spec: { ports: [{ name: 'http', port: 80, targetPort: 8081 }], selector: { app: 'web' } },
};

/** web.yaml re-applied with `strategy: {type: Recreate}`. */
export const deploymentManifestRecreate: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'Recreate' },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            env: [{ name: 'MODE', value: 'blue' }, { name: 'DEBUG', value: 'false' }],
            image: 'nginx:1.25',
            name: 'nginx',
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    },
  },
};

/** What `kubectl edit` leaves in the annotation after changing the image. */
export const deploymentManifestEdited: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { annotations: {}, labels: { app: 'web' }, name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            env: [{ name: 'MODE', value: 'blue' }, { name: 'DEBUG', value: 'false' }],
            image: 'nginx:1.26',
            name: 'nginx',
            ports: [{ containerPort: 80 }],
          },
        ],
      },
    },
  },
};

export const kubectlBodies = {
  /** `kubectl apply -f web.yaml` with deploymentManifestV2: three-way patch, DEBUG deleted, replicas dropped. */
  applyDeployment: {
    metadata: {
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied(deploymentManifestV2) },
    },
    spec: {
      replicas: null,
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }],
          containers: [
            {
              '$setElementOrder/env': [{ name: 'MODE' }],
              env: [{ $patch: 'delete', name: 'DEBUG' }],
              image: 'nginx:1.26',
              name: 'nginx',
            },
          ],
        },
      },
    },
  },
  /** `kubectl apply -f web.yaml` with serviceManifestV2. */
  applyService: {
    metadata: {
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied(serviceManifestV2) },
    },
    spec: {
      '$setElementOrder/ports': [{ port: 80 }],
      ports: [{ port: 80, targetPort: 8081 }, { $patch: 'delete', port: 443 }],
    },
  },
  /** `kubectl apply -f web.yaml` with deploymentManifestRecreate. */
  applyRecreate: {
    metadata: {
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': lastApplied(deploymentManifestRecreate),
      },
    },
    spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
  },
  /** `kubectl edit deployment/web`, image changed to nginx:1.26 (edit refreshes an existing last-applied annotation). */
  editImage: {
    metadata: {
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': lastApplied(deploymentManifestEdited),
      },
    },
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }],
          containers: [{ image: 'nginx:1.26', name: 'nginx' }],
        },
      },
    },
  },
  /** `kubectl edit deployment/web`, `type: RollingUpdate` changed to Recreate and the rollingUpdate block deleted. */
  editRecreate: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
  /** `kubectl set image deployment/web nginx=nginx:1.26` */
  setImage: {
    spec: {
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'nginx' }],
          containers: [{ image: 'nginx:1.26', name: 'nginx' }],
        },
      },
    },
  },
  /** `kubectl rollout restart deployment/web` */
  rolloutRestart: {
    spec: {
      template: {
        metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T04:42:22Z' } },
      },
    },
  },
  /** `kubectl rollout pause deployment/web` */
  rolloutPause: { spec: { paused: true } },
  /** `kubectl rollout resume deployment/web` (of a paused Deployment) */
  rolloutResume: { spec: { paused: null } },
  /** `kubectl scale deployment/web --replicas=5`, sent to the scale subresource */
  scale: { spec: { replicas: 5 } },
  /** `kubectl label deployment web tier=frontend` */
  label: { metadata: { labels: { tier: 'frontend' } } },
  /** `kubectl annotate deployment web owner=team-a` */
  annotate: { metadata: { annotations: { owner: 'team-a' } } },
  /** `kubectl label deployment web app-` */
  unlabel: { metadata: { labels: { app: null } } },
  /** `kubectl rollout undo deployment/web` at revision 2, back to the revision-1 ReplicaSet (nginx:1.24); sent as application/json-patch+json */
  rolloutUndo: [
    {
      op: 'replace',
      path: '/spec/template',
      value: {
        metadata: { creationTimestamp: null, labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.24',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [{ name: 'MODE', value: 'blue' }, { name: 'DEBUG', value: 'false' }],
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
              imagePullPolicy: 'IfNotPresent',
            },
          ],
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          securityContext: {},
          schedulerName: 'default-scheduler',
        },
      },
    },
    {
      op: 'replace',
      path: '/metadata/annotations',
      value: {
        'deployment.kubernetes.io/revision': '2',
        'kubectl.kubernetes.io/last-applied-configuration': lastApplied(deploymentManifest),
      },
    },
  ],
};
