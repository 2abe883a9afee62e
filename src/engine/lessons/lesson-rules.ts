/**
 * Rules across the steps of one lesson: unique step ids, `remember` names declared once and
 * before the `replaced` checks that read them, and a Service for every `traffic` check to meter.
 */
import type { Lesson } from './schema.js';

export interface LessonIssue {
  path: PropertyKey[];
  message: string;
}

export function lessonRules(lesson: Lesson): LessonIssue[] {
  const issues: LessonIssue[] = [];
  const stepIds = new Map<string, number>();
  // remember name → the step that declared it and the Deployment it watches
  const remembered = new Map<string, { step: number; deployment: string }>();
  // Services that a `meter:` of this or an earlier step starts the meter on.
  const metered = new Set<string>();

  lesson.steps.forEach((step, s) => {
    const at = (...path: PropertyKey[]): PropertyKey[] => ['steps', s, ...path];
    const first = stepIds.get(step.id);
    if (first !== undefined) issues.push({ path: at('id'), message: `step id "${step.id}" is already used by steps[${first}]` });
    else stepIds.set(step.id, s);

    for (const [name, spec] of Object.entries(step.remember)) {
      const earlier = remembered.get(name);
      if (earlier !== undefined) issues.push({ path: at('remember', name), message: `${name} is already remembered by steps[${earlier.step}]` });
      else remembered.set(name, { step: s, deployment: spec.podOf.deployment });
    }

    if (step.meter !== undefined) metered.add(step.meter.service);
    step.checks.forEach((check, c) => {
      if ('traffic' in check) issues.push(...trafficRules(check.traffic.service, metered, at('checks', c, 'traffic')));
      if (!('replaced' in check)) return;
      const { remembered: name, deployment } = check.replaced;
      const declared = remembered.get(name);
      if (declared === undefined) {
        issues.push({ path: at('checks', c, 'replaced', 'remembered'), message: `nothing is remembered as ${name} in this or an earlier step` });
      } else if (declared.deployment !== deployment) {
        issues.push({ path: at('checks', c, 'replaced', 'deployment'), message: `${name} is a Pod of deployment ${declared.deployment}, not ${deployment}` });
      }
    });
  });
  return issues;
}

/**
 * A traffic check needs to know which Service to meter: it names it, or a `meter:` in this or an
 * earlier step declares it. When it names one, a declared meter must be on that Service.
 */
function trafficRules(service: string | undefined, metered: ReadonlySet<string>, path: PropertyKey[]): LessonIssue[] {
  if (service === undefined) {
    if (metered.size === 0) return [{ path, message: 'name the service, or declare meter: {service: ...} in this or an earlier step' }];
    if (metered.size > 1) return [{ path, message: `the lesson meters ${[...metered].join(' and ')}: name the service` }];
    return [];
  }
  if (metered.size > 0 && !metered.has(service)) {
    return [{ path: [...path, 'service'], message: `no step meters service ${service} (meter: is on ${[...metered].join(', ')})` }];
  }
  return [];
}
