/** Parse a check as a lesson would write it, so tests exercise schema and evaluation together. */
import { CheckSchema, type Check } from '../../../src/engine/checks/schema.js';
import { PARSE_PARAMS } from '../../../src/engine/checks/schema-helpers.js';
import type { CheckContext } from '../../../src/engine/checks/result.js';

export function check(input: unknown): Check {
  const result = CheckSchema.safeParse(input, PARSE_PARAMS);
  if (!result.success) throw new Error(`test check does not parse: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

export const noContext: CheckContext = { remembered: {} };
