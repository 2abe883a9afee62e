/**
 * admission.NewForbidden: an admission plugin's refusal names the object by its name or, before
 * one is generated, its generateName (`pods "web-7d9c5b-" is forbidden: exceeded quota: …`).
 */
import { ApiError } from '../api/status.js';

export function newForbiddenObject(resource: string, group: string, name: string, error: string): ApiError {
  const qualified = group ? `${resource}.${group}` : resource;
  const shown = name || 'Unknown';
  return new ApiError(403, 'Forbidden', `${qualified} ${JSON.stringify(shown)} is forbidden: ${error}`, {
    name: shown,
    group: group || undefined,
    kind: resource,
  });
}
