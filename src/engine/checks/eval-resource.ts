/** `exists`, `gone` and `field`: checks on objects and their fields. */
import { fieldLabel, formatPath, readPath } from './field-path.js';
import type { ClusterView } from './cluster-view.js';
import { isTerminating, nameOf } from './k8s.js';
import { pluralName, singularName } from './kinds.js';
import { formatSelector } from './label-selector.js';
import { fail, pass, show, someNames, type CheckResult } from './result.js';
import type { FieldCheck, ResourceTarget } from './schema.js';

/** `deployment web`, `pods app=web`, `nodes`: how messages name what a target points at. */
function describeTarget(target: ResourceTarget): string {
  if ('name' in target && target.name !== undefined) return `${singularName(target.kind)} ${target.name}`;
  const selector = 'selector' in target && target.selector !== undefined ? ` ${formatSelector(target.selector)}` : '';
  return `${pluralName(target.kind)}${selector}`;
}

export function evaluateExists(target: ResourceTarget, view: ClusterView): CheckResult {
  const what = describeTarget(target);
  if ('name' in target && target.name !== undefined) {
    const object = view.get(target.kind, target.name);
    if (object === undefined) return fail(`${what}: not found, want it to exist`);
    if (isTerminating(object)) return fail(`${what}: terminating, want it to exist`);
    return pass(`${what}: exists`);
  }
  const live = view.list(target.kind, 'selector' in target ? target.selector : undefined).filter((object) => !isTerminating(object));
  if (live.length === 0) return fail(`${what}: none found, want at least one`);
  return pass(`${what}: ${live.length} found`);
}

export function evaluateGone(target: ResourceTarget, view: ClusterView): CheckResult {
  const what = describeTarget(target);
  if ('name' in target && target.name !== undefined) {
    const object = view.get(target.kind, target.name);
    if (object === undefined) return pass(`${what}: gone`);
    if (isTerminating(object)) return fail(`${what}: still terminating, want it gone`);
    return fail(`${what}: still exists, want it gone`);
  }
  // Terminating objects are not gone yet: their containers may still serve or hold resources.
  const left = view.list(target.kind, 'selector' in target ? target.selector : undefined);
  if (left.length === 0) return pass(`${what}: none left`);
  return fail(`${what}: ${left.length} left (${someNames(left.map(nameOf))}), want none`);
}

export function evaluateField(check: FieldCheck, view: ClusterView): CheckResult {
  const what = `${singularName(check.field.kind)} ${check.field.name}`;
  const object = view.get(check.field.kind, check.field.name);
  if (object === undefined) return fail(`${what}: not found`);
  const lookup = readPath(object, check.path);
  if (!lookup.found) return fail(`${what}: ${formatPath(check.path)} is not set, want ${wanted(check)}`);
  const seen = `${what}: ${fieldLabel(check.path)} is ${show(lookup.value)}`;
  return holds(check, lookup.value) ? pass(seen) : fail(`${seen}, want ${wanted(check)}`);
}

function wanted(check: FieldCheck): string {
  if (check.equals !== undefined) return show(check.equals);
  if (check.contains !== undefined) return `it to contain ${show(check.contains)}`;
  if (check.matches !== undefined) return `it to match ${check.matches}`;
  return `at least ${check.atLeast}`;
}

function holds(check: FieldCheck, actual: unknown): boolean {
  if (check.equals !== undefined) return looselyEqual(actual, check.equals);
  if (check.contains !== undefined) return contains(actual, check.contains);
  if (check.matches !== undefined) return isScalar(actual) && new RegExp(check.matches).test(String(actual));
  const number = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
  return Number.isFinite(number) && number >= (check.atLeast ?? 0);
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Scalars compare as text: annotations hold numbers as strings (`revision: "2"`), and authors
 * should not have to know which fields are which. Lists and mappings compare deeply.
 */
function looselyEqual(actual: unknown, expected: unknown): boolean {
  if (isScalar(actual) && isScalar(expected)) return String(actual) === String(expected);
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.length === expected.length && actual.every((item, i) => looselyEqual(item, expected[i]));
  }
  if (isObject(actual) && isObject(expected)) {
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((key) => looselyEqual(actual[key], expected[key]));
  }
  return false;
}

// A string contains a substring, a list an item, a mapping a key (`metadata.labels` contains `app`).
function contains(actual: unknown, wantedValue: string | number | boolean): boolean {
  if (typeof actual === 'string') return actual.includes(String(wantedValue));
  if (Array.isArray(actual)) return actual.some((item) => looselyEqual(item, wantedValue));
  if (isObject(actual)) return Object.hasOwn(actual, String(wantedValue));
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
