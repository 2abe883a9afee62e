/**
 * Watch streams: newline-delimited JSON events over a chunked response that stays open until the
 * client leaves or `timeoutSeconds` ends it, with bookmarks and the WatchList initial-events marker.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type KubeObject } from '../api/status.js';
import { groupVersion, type ResourceType } from '../api/resources.js';
import type { ObjectStore, WatchEventType } from '../store/object-store.js';
import type { ApiQuery } from './query.js';

/** How often an idle watch that allows bookmarks gets one (the apiserver sends about one a minute). */
const BOOKMARK_INTERVAL_MS = 60_000;

export interface WatchStreamOptions {
  store: ObjectStore;
  type: ResourceType;
  namespace?: string;
  query: ApiQuery;
  /** Shapes each event's object (a Table row for `kubectl get -w`, the object with its TypeMeta otherwise). */
  render: (object: KubeObject, first: boolean) => KubeObject;
  contentType: string;
}

export function serveWatch(req: IncomingMessage, res: ServerResponse, options: WatchStreamOptions): void {
  const { store, type, query } = options;
  let first = true;
  const write = (eventType: WatchEventType | 'BOOKMARK' | 'ERROR', object: KubeObject) => {
    if (res.destroyed) return;
    const rendered = eventType === 'BOOKMARK' || eventType === 'ERROR' ? object : options.render(object, first);
    if (eventType !== 'BOOKMARK' && eventType !== 'ERROR') first = false;
    res.write(JSON.stringify({ type: eventType, object: rendered }) + '\n');
  };
  const bookmark = (annotations?: Record<string, string>) =>
    write('BOOKMARK', {
      kind: type.kind,
      apiVersion: groupVersion(type.group, type.version),
      metadata: { resourceVersion: store.resourceVersion, ...(annotations ? { annotations } : {}) },
    });

  res.writeHead(200, { 'Content-Type': options.contentType, 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  // Headers now, so clients see the watch established before the first event.
  res.flushHeaders();

  const watchOptions = { namespace: options.namespace, labelSelector: query.labelSelector, fieldSelector: query.fieldSelector };
  let stop: () => void = () => {};
  try {
    if (query.sendInitialEvents) {
      // WatchList: the current state as ADDED events, then a bookmark that says they are complete.
      stop = store.watch(type, { ...watchOptions, resourceVersion: undefined }, (e) => write(e.type, e.object));
      bookmark({ 'k8s.io/initial-events-end': 'true' });
    } else {
      stop = store.watch(type, { ...watchOptions, resourceVersion: query.resourceVersion }, (e) => write(e.type, e.object));
    }
  } catch (error) {
    // A too-old resourceVersion: the watch cache answers with an ERROR event carrying the 410 Status.
    if (error instanceof ApiError) {
      write('ERROR', error.toStatus());
      res.end();
      return;
    }
    throw error;
  }

  const timers: NodeJS.Timeout[] = [];
  if (query.allowWatchBookmarks) timers.push(setInterval(() => bookmark(), BOOKMARK_INTERVAL_MS));
  if (query.timeoutSeconds && query.timeoutSeconds > 0) timers.push(setTimeout(() => finish(), query.timeoutSeconds * 1000));
  const finish = () => {
    stop();
    for (const timer of timers) clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  req.on('close', finish);
  res.on('close', finish);
}
