/**
 * The REST verbs on a resource route: get, list, watch, create, update, patch, delete and
 * deletecollection, plus the status and scale subresources.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, methodNotAllowed, notFound, type KubeObject } from '../api/status.js';
import { groupVersion, type ResourceType } from '../api/resources.js';
import type { Registry, DeleteOptions } from '../registry/registry.js';
import { fromScale, toScale } from '../registry/scale.js';
import { applyPatch } from '../patch/index.js';
import { toTable } from '../tables/index.js';
import type { ResourceRoute } from './routes.js';
import { decodeObjectBody, decodePatchBody, isTable, responseFormat, type ResponseFormat } from './negotiation.js';
import { parseQuery, type ApiQuery } from './query.js';
import { sendJson, sendObject } from './respond.js';
import { servedJson, withTypeMeta } from './served-json.js';
import { serveWatch } from './watch.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  route: ResourceRoute;
  body: Buffer;
  /** The request's URL, when the caller parsed it already. */
  url?: URL;
  /** Passed to the registry's writes (WriteOptions.guard). */
  guard?: (object: KubeObject) => void;
}

function withoutTypeMeta(object: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

export class ResourceHandler {
  constructor(private readonly registry: Registry) {}

  handle(ctx: RequestContext): void {
    const { req, route } = ctx;
    const query = parseQuery((ctx.url ?? new URL(req.url ?? '/', 'http://sandbox')).searchParams);
    const format = responseFormat(req.headers.accept);
    const method = req.method ?? 'GET';
    if (route.subresource === 'log') throw methodNotAllowed();
    if (route.name === undefined) {
      if (method === 'GET' && (query.watch || route.watchPrefix)) return this.watch(ctx, query, format);
      if (method === 'GET') return this.list(ctx, query, format);
      if (method === 'POST') return this.create(ctx, query, format);
      if (method === 'DELETE') return this.deleteCollection(ctx, query, format);
      throw methodNotAllowed();
    }
    if (route.watchPrefix) {
      // `/watch/<resource>/<name>` is a watch with a metadata.name field selector.
      query.fieldSelector = [query.fieldSelector, `metadata.name=${route.name}`].filter(Boolean).join(',');
      return this.watch(ctx, query, format);
    }
    switch (method) {
      case 'GET':
        return this.get(ctx, query, format);
      case 'PUT':
        return this.update(ctx, query, format);
      case 'PATCH':
        return this.patch(ctx, query, format);
      case 'DELETE':
        return this.delete(ctx, query, format);
      case 'POST':
        if (route.subresource === 'eviction') return this.evict(ctx, format);
        throw methodNotAllowed();
      default:
        throw methodNotAllowed();
    }
  }

  private get({ res, route }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace, name = '', subresource } = route;
    const object = this.registry.store.get(type, namespace, name);
    if (subresource === 'scale') return sendObject(res, 200, toScale(object), jsonOr(format));
    if (isTable(format) && !subresource) {
      return sendObject(res, 200, toTable(type, [withTypeMeta(type, object)], tableOptions(query, format)));
    }
    sendStored(res, 200, type, object, format);
  }

  private list({ res, route }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace } = route;
    const result = this.registry.store.list(type, {
      namespace,
      labelSelector: query.labelSelector,
      fieldSelector: query.fieldSelector,
      limit: query.limit,
      continue: query.continue,
    });
    const metadata: KubeObject = { resourceVersion: result.resourceVersion };
    if (result.continue) {
      metadata.continue = result.continue;
      metadata.remainingItemCount = result.remainingItemCount;
    }
    if (isTable(format)) {
      return sendObject(res, 200, toTable(type, result.items, { ...tableOptions(query, format), listMeta: metadata }));
    }
    sendObject(res, 200, {
      kind: `${type.kind}List`,
      apiVersion: groupVersion(type.group, type.version),
      metadata,
      items: result.items.map(withoutTypeMeta),
    }, format);
  }

  private watch({ req, res, route }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace } = route;
    // The apiserver refuses Tables for WatchList requests and falls back to plain events.
    const table = isTable(format) && !(query.sendInitialEvents && query.allowWatchBookmarks);
    serveWatch(req, res, {
      store: this.registry.store,
      type,
      namespace,
      query,
      contentType: 'application/json',
      shareable: !table,
      text: table ? undefined : (object) => servedJson(type, object),
      // Column definitions go with the first event only (handlers/watch.go sets NoHeaders after it).
      render: (object, first) =>
        table ? toTable(type, [withTypeMeta(type, object)], { ...tableOptions(query, format), noHeaders: !first }) : withTypeMeta(type, object),
    });
  }

  private create({ req, res, route, body, guard }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    if (route.subresource) throw methodNotAllowed();
    const object = decodeObjectBody(body, req.headers['content-type']);
    const result = this.registry.create(route.type, route.namespace, object, { dryRun: query.dryRun, fieldValidation: query.fieldValidation, guard });
    sendStored(res, 201, route.type, result.object, jsonOr(format), result.warnings);
  }

  private update({ req, res, route, body, guard }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace, name = '', subresource } = route;
    const object = decodeObjectBody(body, req.headers['content-type']);
    const options = { dryRun: query.dryRun, fieldValidation: query.fieldValidation, subresource, guard };
    if (subresource === 'scale') {
      const current = this.registry.store.get(type, namespace, name);
      const result = this.registry.update(type, namespace, name, fromScale(current, object), { dryRun: query.dryRun });
      return sendObject(res, 200, toScale(result.object), jsonOr(format));
    }
    const result = this.registry.update(type, namespace, name, object, options);
    sendStored(res, 200, type, result.object, jsonOr(format), result.warnings);
  }

  private patch({ req, res, route, body, guard }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace, name = '', subresource } = route;
    const { patchType, patch } = decodePatchBody(body, req.headers['content-type']);
    if (subresource === 'scale') {
      const current = this.registry.store.get(type, namespace, name);
      const scale = applyPatch(patchType, toScale(current), patch, 'Scale');
      const result = this.registry.update(type, namespace, name, fromScale(current, scale), { dryRun: query.dryRun });
      return sendObject(res, 200, toScale(result.object), jsonOr(format));
    }
    const result = this.registry.patch(type, namespace, name, patchType, patch, { dryRun: query.dryRun, fieldValidation: query.fieldValidation, subresource, guard });
    sendStored(res, 200, type, result.object, jsonOr(format), result.warnings);
  }

  private delete({ req, res, route, body }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace, name = '' } = route;
    if (route.subresource) throw methodNotAllowed();
    const options = deleteOptions(body, req.headers['content-type'], query);
    const result = this.registry.delete(type, namespace, name, options);
    sendStored(res, result.removed ? 200 : 202, type, result.object, jsonOr(format));
  }

  private deleteCollection({ req, res, route, body }: RequestContext, query: ApiQuery, format: ResponseFormat): void {
    const { type, namespace } = route;
    const options = deleteOptions(body, req.headers['content-type'], query);
    const items = this.registry.deleteCollection(type, namespace, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector }, options);
    sendObject(res, 200, {
      kind: `${type.kind}List`,
      apiVersion: groupVersion(type.group, type.version),
      metadata: { resourceVersion: this.registry.store.resourceVersion },
      items: items.map(withoutTypeMeta),
    }, jsonOr(format));
  }

  /** pods/eviction: the sandbox has no PodDisruptionBudgets, so an eviction is a delete. */
  private evict({ req, res, route, body }: RequestContext, format: ResponseFormat): void {
    const { type, namespace, name = '' } = route;
    const eviction = body.length ? decodeObjectBody(body, req.headers['content-type']) : {};
    if (!this.registry.store.peek(type, namespace, name)) throw notFound(type.plural, type.group, name);
    this.registry.delete(type, namespace, name, eviction.deleteOptions ?? {});
    sendObject(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, jsonOr(format));
  }
}

/** A stored object with its TypeMeta; as JSON, the text it is served as everywhere (served-json.ts). */
function sendStored(res: ServerResponse, code: number, type: ResourceType, object: KubeObject, format: ResponseFormat, warnings: string[] = []): void {
  if (format === 'json') return sendJson(res, code, servedJson(type, object), warnings);
  sendObject(res, code, withTypeMeta(type, object), format, warnings);
}

/** Writes never answer with a Table. */
function jsonOr(format: ResponseFormat): ResponseFormat {
  return isTable(format) ? 'json' : format;
}

function tableOptions(query: ApiQuery, format: ResponseFormat) {
  return { now: new Date(), includeObject: query.includeObject, version: format === 'table-v1beta1' ? ('v1beta1' as const) : ('v1' as const) };
}

/** DeleteOptions come in the body (kubectl) or as query parameters (curl, client-node). */
function deleteOptions(body: Buffer, contentType: string | undefined, query: ApiQuery): DeleteOptions {
  const fromBody = body.length > 0 ? decodeObjectBody(body, contentType) : {};
  if (fromBody.kind !== undefined && fromBody.kind !== 'DeleteOptions') {
    throw badRequest(`the object provided is unrecognized (must be of type DeleteOptions): kind ${fromBody.kind}`);
  }
  return {
    gracePeriodSeconds: fromBody.gracePeriodSeconds ?? query.gracePeriodSeconds,
    propagationPolicy: fromBody.propagationPolicy ?? query.propagationPolicy ?? (fromBody.orphanDependents === true ? 'Orphan' : undefined),
    preconditions: fromBody.preconditions,
    dryRun: query.dryRun || (Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes('All')),
  };
}
