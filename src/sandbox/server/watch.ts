/**
 * Watch streams: newline-delimited JSON events over a chunked response that stays open until the
 * client leaves or `timeoutSeconds` ends it, with bookmarks and the WatchList initial-events marker.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, type KubeObject } from '../api/status.js';
import { groupVersion, type ResourceType } from '../api/resources.js';
import type { ObjectStore, WatchEventType } from '../store/object-store.js';
import type { ApiQuery } from './query.js';
import { endSlowReader, SlowReaderGuard } from './slow-reader.js';

/** How often an idle watch that allows bookmarks gets one (the apiserver sends about one a minute). */
const BOOKMARK_INTERVAL_MS = 60_000;

/** The longest delay a Node timer holds (2^31 - 1 ms, ~24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface WatchStreamOptions {
  store: ObjectStore;
  type: ResourceType;
  namespace?: string;
  query: ApiQuery;
  /** Shapes each event's object (a Table row for `kubectl get -w`, the object with its TypeMeta otherwise). */
  render: (object: KubeObject, first: boolean) => KubeObject;
  /**
   * True when `render` depends on the object alone (no Table): its JSON is then shared by every
   * watcher of the same change, serialized once instead of once per watcher.
   */
  shareable?: boolean;
  /** For shareable renders: `JSON.stringify(render(object))`, which may come from a cache (served-json.ts). */
  text?: (object: KubeObject) => string;
  contentType: string;
}

/**
 * The event line of a stored object (stored objects are never changed in place), for shareable
 * renders: one string per change, queued by reference on every watcher of it. Built per watcher,
 * 50 watchers that do not read queue 50 copies of every event on the JS heap, and a heap grown
 * that far stays grown (memory-trim.ts).
 */
const eventLines = new WeakMap<KubeObject, { type: WatchEventType; line: string }>();

function eventLine(type: WatchEventType | 'BOOKMARK' | 'ERROR', json: string): string {
  return `{"type":${JSON.stringify(type)},"object":${json}}\n`;
}

export function serveWatch(req: IncomingMessage, res: ServerResponse, options: WatchStreamOptions): void {
  const { store, type, query } = options;
  let first = true;
  let finished = false;
  const guard = new SlowReaderGuard(res);
  const write = (eventType: WatchEventType | 'BOOKMARK' | 'ERROR', object: KubeObject) => {
    if (res.destroyed || finished) return;
    let line: string;
    if (eventType === 'BOOKMARK' || eventType === 'ERROR') {
      line = eventLine(eventType, JSON.stringify(object));
    } else if (options.shareable) {
      const cached = eventLines.get(object);
      line = cached?.type === eventType ? cached.line : eventLine(eventType, options.text?.(object) ?? JSON.stringify(options.render(object, first)));
      if (cached?.type !== eventType) eventLines.set(object, { type: eventType, line });
      first = false;
    } else {
      line = eventLine(eventType, JSON.stringify(options.render(object, first)));
      first = false;
    }
    res.write(line);
    // A client that stopped reading loses its watch (and it reconnects), not the server its memory.
    if (guard.exceeded()) finish();
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

  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    if (finished) return;
    finished = true;
    stop();
    for (const timer of timers) clearTimeout(timer);
    endSlowReader(res);
  };

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

  // The initial events went out in one go; the slow-reader limit counts from here.
  guard.allow();
  if (query.allowWatchBookmarks) timers.push(setInterval(() => bookmark(), BOOKMARK_INTERVAL_MS));
  // A timeout past what a timer can hold (timeoutSeconds=99999999999) is as good as none; handed to
  // setTimeout it would overflow and end the watch at once (issue #7).
  const timeoutMs = (query.timeoutSeconds ?? 0) * 1000;
  if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) timers.push(setTimeout(() => finish(), timeoutMs));
  req.on('close', finish);
  res.on('close', finish);
}
