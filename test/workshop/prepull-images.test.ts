/**
 * The course's images and the pre-pull DaemonSet: read from the real lessons and assets; on the
 * sandbox prepull runs its DaemonSet to the end and removes what it made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startTestCluster, type TestCluster } from '../support/kubectl.js';
import { loadCourse, type Course } from '../../src/engine/lessons/load-course.js';
import { commandImages, courseImages } from '../../src/workshop/images/course-images.js';
import { prepull, prepullDaemonSet, PAUSE_IMAGE } from '../../src/workshop/images/prepull.js';

let course: Course;
beforeAll(async () => {
  course = (await loadCourse('lessons')).course;
});

describe('kubedojo images', () => {
  it('finds images in commands, start manifests and workspace files, plus the meter’s', async () => {
    const images = await courseImages(course);
    const names = images.pullable.map((i) => i.image);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['nginx:1.25', 'nginx:1.27.3', 'busybox:1.36', 'busybox:1.37', 'mongo']));
    expect(images.pullable.find((i) => i.image === 'busybox:1.37')?.lessons).toContain('meter');
    expect(images.notPullable).toEqual([{ image: 'nginx:1.277', lessons: ['a-bad-release'] }]);
  });

  it('reads --image and set image', () => {
    expect(commandImages('kubectl create deployment web --image=nginx:1.25 --replicas=2')).toEqual(['nginx:1.25']);
    expect(commandImages('kubectl set image deployment/shop shop=nginx:1.27 side=busybox:1.36')).toEqual(['nginx:1.27', 'busybox:1.36']);
    expect(commandImages('minikube start')).toEqual([]);
  });
});

describe('workshop prepull', () => {
  it('is a DaemonSet on every node: one init container per image, then pause', () => {
    const ds = prepullDaemonSet('default', ['nginx:1.27', 'busybox:1.37']);
    expect(ds.metadata).toMatchObject({ namespace: 'kubedojo-prepull-default', labels: { 'app.kubernetes.io/managed-by': 'kubedojo', 'kubedojo.dev/workshop': 'default' } });
    const spec = ds.spec!.template.spec!;
    expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(spec.initContainers!.map((c) => [c.image, c.imagePullPolicy, c.command])).toEqual([
      ['nginx:1.27', 'IfNotPresent', ['sh', '-c', 'true']],
      ['busybox:1.37', 'IfNotPresent', ['sh', '-c', 'true']],
    ]);
    expect(spec.containers.map((c) => c.image)).toEqual([PAUSE_IMAGE]);
  });

  describe('on the sandbox', () => {
    let cluster: TestCluster;
    beforeAll(async () => {
      cluster = await startTestCluster();
    });
    afterAll(() => cluster?.stop());

    it('runs the DaemonSet until the node is ready, then removes its namespace', async () => {
      const kubeconfig = new KubeConfig();
      kubeconfig.loadFromFile(cluster.sandbox.kubeconfigPath);
      const lines: string[] = [];
      await prepull({ kubeconfig, workshop: 'default', images: ['nginx:1.27'], timeoutMs: 30_000, pollMs: 100, onProgress: (l) => lines.push(l) });
      expect(lines[0]).toBe('Pulling 1 images on every node: nginx:1.27');
      expect(lines).toContain('1/1 nodes have every image');
      expect(lines.slice(-2)).toEqual(['Done: every node has the course’s images.', 'Removed namespace kubedojo-prepull-default, and the DaemonSet and its Pods with it.']);
      expect((await cluster.kubectl(['get', 'namespace', 'kubedojo-prepull-default', '--ignore-not-found', '-o', 'name'])).stdout).toBe('');
    });
  });
});
