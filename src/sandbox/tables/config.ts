/**
 * Configuration tables: ConfigMap, Secret, ServiceAccount (`printConfigMap`, `printSecret`,
 * `printServiceAccount` of printers.go).
 */
import { ageColumn, column, nameColumn } from './columns.js';
import { corev1ConfigMap, corev1Secret, corev1ServiceAccount } from './descriptions.js';
import { ageSince, mapSize } from './format.js';
import type { TableHandler } from './types.js';

export const configMapTable: TableHandler = {
  columns: [nameColumn, column('Data', 'string', corev1ConfigMap.data), ageColumn],
  print(configMap, now) {
    return {
      cells: [
        configMap.metadata?.name ?? '',
        // DATA counts text and binary keys together.
        mapSize(configMap.data) + mapSize(configMap.binaryData),
        ageSince(configMap.metadata?.creationTimestamp, now),
      ],
    };
  },
};

export const secretTable: TableHandler = {
  columns: [nameColumn, column('Type', 'string', corev1Secret.type), column('Data', 'string', corev1Secret.data), ageColumn],
  print(secret, now) {
    return {
      cells: [secret.metadata?.name ?? '', secret.type ?? '', mapSize(secret.data), ageSince(secret.metadata?.creationTimestamp, now)],
    };
  },
};

export const serviceAccountTable: TableHandler = {
  columns: [nameColumn, column('Secrets', 'string', corev1ServiceAccount.secrets), ageColumn],
  print(serviceAccount, now) {
    const secrets: unknown[] = serviceAccount.secrets ?? [];
    return {
      cells: [serviceAccount.metadata?.name ?? '', secrets.length, ageSince(serviceAccount.metadata?.creationTimestamp, now)],
    };
  },
};
