/**
 * apps/v1 tables: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision
 * (`printDeployment`, `printReplicaSet`, `printStatefulSet`, `printDaemonSet`,
 * `printControllerRevision` of printers.go and their column definitions).
 */
import type { KubeObject } from '../api/status.js';
import { ageColumn, column, containersColumn, imagesColumn, nameColumn, wideColumn } from './columns.js';
import {
  appsv1beta1ControllerRevision,
  corev1PodSpec,
  extensionsv1beta1DaemonSetSpec,
  extensionsv1beta1DaemonSetStatus,
  extensionsv1beta1DeploymentSpec,
  extensionsv1beta1DeploymentStatus,
  extensionsv1beta1ReplicaSetSpec,
  extensionsv1beta1ReplicaSetStatus,
} from './descriptions.js';
import { ageSince, layoutContainerCells } from './format.js';
import { formatLabels, formatLabelSelector, labelSelectorString } from './labels.js';
import type { TableHandler } from './types.js';

/** `spec.template.spec.containers`, the pod template every workload prints in wide mode. */
function templateContainers(obj: KubeObject): KubeObject[] | undefined {
  return obj.spec?.template?.spec?.containers;
}

/**
 * An int32 of the object; absent reads as 0, as the v1→internal conversion turns a nil pointer
 * (or an omitted zero) into 0.
 */
function count(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

export const deploymentTable: TableHandler = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', extensionsv1beta1DeploymentStatus.updatedReplicas),
    column('Available', 'string', extensionsv1beta1DeploymentStatus.availableReplicas),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', extensionsv1beta1DeploymentSpec.selector),
  ],
  print(obj, now) {
    const status = obj.status ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    // Unlike the other workloads this uses the selector's plain String(): `""`, never `<none>`.
    const selector = labelSelectorString(obj.spec?.selector) ?? '<invalid>';
    return {
      cells: [
        obj.metadata?.name ?? '',
        `${count(status.readyReplicas)}/${count(obj.spec?.replicas)}`,
        count(status.updatedReplicas),
        count(status.availableReplicas),
        ageSince(obj.metadata?.creationTimestamp, now),
        names,
        images,
        selector,
      ],
    };
  },
};

export const replicaSetTable: TableHandler = {
  columns: [
    nameColumn,
    column('Desired', 'integer', extensionsv1beta1ReplicaSetSpec.replicas),
    column('Current', 'integer', extensionsv1beta1ReplicaSetStatus.replicas),
    column('Ready', 'integer', extensionsv1beta1ReplicaSetStatus.readyReplicas),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', extensionsv1beta1ReplicaSetSpec.selector),
  ],
  print(obj, now) {
    const [names, images] = layoutContainerCells(templateContainers(obj));
    return {
      cells: [
        obj.metadata?.name ?? '',
        count(obj.spec?.replicas),
        count(obj.status?.replicas),
        count(obj.status?.readyReplicas),
        ageSince(obj.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(obj.spec?.selector),
      ],
    };
  },
};

export const statefulSetTable: TableHandler = {
  columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
  print(obj, now) {
    const [names, images] = layoutContainerCells(templateContainers(obj));
    return {
      cells: [
        obj.metadata?.name ?? '',
        `${count(obj.status?.readyReplicas)}/${count(obj.spec?.replicas)}`,
        ageSince(obj.metadata?.creationTimestamp, now),
        names,
        images,
      ],
    };
  },
};

export const daemonSetTable: TableHandler = {
  columns: [
    nameColumn,
    column('Desired', 'integer', extensionsv1beta1DaemonSetStatus.desiredNumberScheduled),
    column('Current', 'integer', extensionsv1beta1DaemonSetStatus.currentNumberScheduled),
    column('Ready', 'integer', extensionsv1beta1DaemonSetStatus.numberReady),
    column('Up-to-date', 'integer', extensionsv1beta1DaemonSetStatus.updatedNumberScheduled),
    column('Available', 'integer', extensionsv1beta1DaemonSetStatus.numberAvailable),
    column('Node Selector', 'string', corev1PodSpec.nodeSelector),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', extensionsv1beta1DaemonSetSpec.selector),
  ],
  print(obj, now) {
    const status = obj.status ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    return {
      cells: [
        obj.metadata?.name ?? '',
        count(status.desiredNumberScheduled),
        count(status.currentNumberScheduled),
        count(status.numberReady),
        count(status.updatedNumberScheduled),
        count(status.numberAvailable),
        formatLabels(obj.spec?.template?.spec?.nodeSelector),
        ageSince(obj.metadata?.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(obj.spec?.selector),
      ],
    };
  },
};

/**
 * `metav1.GetControllerOf` + `formatResourceName`: `kind.group/name` in lower case (`daemonset.apps/x`),
 * `<none>` without a controller owner.
 */
function controllerName(obj: KubeObject): string {
  const owners: KubeObject[] = obj.metadata?.ownerReferences ?? [];
  const controller = owners.find((ref) => ref.controller === true);
  if (!controller) return '<none>';
  const apiVersion: string = controller.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const kind: string = controller.kind ?? '';
  if (!kind && !group) return controller.name;
  return `${(group ? `${kind}.${group}` : kind).toLowerCase()}/${controller.name}`;
}

export const controllerRevisionTable: TableHandler = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', appsv1beta1ControllerRevision.revision),
    ageColumn,
  ],
  print(obj, now) {
    return {
      cells: [obj.metadata?.name ?? '', controllerName(obj), count(obj.revision), ageSince(obj.metadata?.creationTimestamp, now)],
    };
  },
};
