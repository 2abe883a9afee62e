/** Writing responses: JSON or YAML bodies, Status errors, and the `Warning` headers. */
import type { ServerResponse } from 'node:http';
import { stringify as toYaml } from 'yaml';
import { ApiError, internal, type KubeObject } from '../api/status.js';
import type { ResponseFormat } from './negotiation.js';

export function sendObject(res: ServerResponse, code: number, body: KubeObject, format: ResponseFormat = 'json', warnings: string[] = []): void {
  if (format === 'yaml') {
    appendWarnings(res, warnings);
    res.writeHead(code, { 'Content-Type': 'application/yaml' });
    res.end(toYaml(body));
    return;
  }
  // Tables too go out as plain application/json, as the apiserver sends them.
  sendJson(res, code, JSON.stringify(body), warnings);
}

/** A JSON body already serialized (a fixed document, a stored object's cached text). */
export function sendJson(res: ServerResponse, code: number, json: string, warnings: string[] = []): void {
  appendWarnings(res, warnings);
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(json);
}

function appendWarnings(res: ServerResponse, warnings: string[]): void {
  for (const warning of warnings) res.appendHeader('Warning', `299 - "${warning.replace(/"/g, '\\"')}"`);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const apiError = error instanceof ApiError ? error : internal(error instanceof Error ? error.message : String(error));
  if (!(error instanceof ApiError)) {
    // A bug of ours must still answer like a server, never hang or crash the process.
    process.emitWarning(`kubedojo sandbox: ${error instanceof Error ? error.stack : String(error)}`);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(apiError.code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(apiError.toStatus()));
}

export function sendStatusSuccess(res: ServerResponse, details?: KubeObject): void {
  sendObject(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', ...(details ? { details } : {}) });
}
