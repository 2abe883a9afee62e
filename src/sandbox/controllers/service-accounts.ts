/**
 * The ServiceAccounts controller (pkg/controller/serviceaccount/serviceaccounts_controller.go):
 * every active namespace has a `default` ServiceAccount, made again if it is deleted.
 */
import { ApiError } from '../api/status.js';
import { SERVICE_ACCOUNTS } from '../auth/index.js';
import { typeKey } from '../api/resources.js';
import type { Registry } from '../registry/registry.js';
import type { StoreEvent } from '../store/object-store.js';
import { NAMESPACES } from './kinds.js';
import type { Queue } from './work-queue.js';

const NAMESPACE_KEY = typeKey(NAMESPACES);
const SERVICE_ACCOUNT_KEY = typeKey(SERVICE_ACCOUNTS);
const DEFAULT = 'default';

export class ServiceAccountsController {
  constructor(
    private readonly registry: Registry,
    private readonly queue: Queue,
  ) {}

  onEvent(event: StoreEvent): void {
    const meta = event.object.metadata;
    if (event.typeKey === NAMESPACE_KEY && event.type !== 'DELETED') this.queue.add(meta.name);
    else if (event.typeKey === SERVICE_ACCOUNT_KEY && event.type === 'DELETED' && meta.name === DEFAULT) this.queue.add(meta.namespace);
  }

  readonly sync = (namespace: string): void => {
    const ns = this.registry.store.peek(NAMESPACES, undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.registry.store.peek(SERVICE_ACCOUNTS, namespace, DEFAULT)) return;
    try {
      this.registry.create(SERVICE_ACCOUNTS, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT } });
    } catch (error) {
      // The namespace started terminating or the account appeared meanwhile: nothing to do.
      if (error instanceof ApiError && (error.code === 403 || error.code === 404 || error.code === 409)) return;
      throw error;
    }
  };
}
