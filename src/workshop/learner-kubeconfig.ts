/**
 * A learner's kubeconfig: one cluster, one user (the ServiceAccount's token), one context pinned
 * to the learner's namespace, and the workshop MARKER on that context — an extension, the place
 * kubeconfig keeps for tools (minikube puts its `context_info` there), which kubectl carries along
 * unread. The app recognises a workshop kubeconfig by it (learner/workshop-marker.ts).
 */
import { parse, stringify } from 'yaml';
import * as z from 'zod';

export const MARKER_EXTENSION = 'kubedojo.dev/workshop';

export interface WorkshopMarker {
  workshop: string;
  learner: string;
  namespace: string;
  /** ISO time the token stops working. */
  expires: string;
}

export interface LearnerKubeconfigInput {
  marker: WorkshopMarker;
  server: string;
  /** PEM, base64-encoded as kubeconfig's `certificate-authority-data`; none when the server's certificate is publicly trusted. */
  caData?: string;
  token: string;
}

export function contextName(marker: Pick<WorkshopMarker, 'learner'>): string {
  return `kubedojo-workshop-${marker.learner}`;
}

export function learnerKubeconfig(input: LearnerKubeconfigInput, invocation = 'npx kubedojo'): string {
  const { marker } = input;
  const name = contextName(marker);
  const document = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: input.server, ...(input.caData ? { 'certificate-authority-data': input.caData } : {}) } }],
    users: [{ name, user: { token: input.token } }],
    contexts: [
      {
        name,
        context: {
          cluster: name,
          user: name,
          namespace: marker.namespace,
          extensions: [{ name: MARKER_EXTENSION, extension: { ...marker } }],
        },
      },
    ],
    'current-context': name,
  };
  const header = [
    `# kubedojo workshop "${marker.workshop}": credentials for ${marker.learner}, valid until ${marker.expires}.`,
    `# They can change only the namespace ${marker.namespace}. Start the course with:`,
    `#   ${invocation} --kubeconfig <this file>`,
  ].join('\n');
  return `${header}\n${stringify(document)}`;
}

const markerSchema = z.object({ workshop: z.string().min(1), learner: z.string().min(1), namespace: z.string().min(1), expires: z.string().min(1) });

const kubeconfigSchema = z.object({
  'current-context': z.string().optional(),
  contexts: z
    .array(z.object({ name: z.string(), context: z.object({ extensions: z.array(z.object({ name: z.string(), extension: z.unknown() })).optional() }).passthrough() }))
    .optional(),
});

export type MarkerRead = { found: false } | { found: true; context: string; marker: WorkshopMarker } | { found: true; problem: string };

/** The workshop marker of a kubeconfig's current context, if it has one. */
export function readMarker(text: string): MarkerRead {
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return { found: false };
  }
  const config = kubeconfigSchema.safeParse(document);
  if (!config.success) return { found: false };
  const current = config.data['current-context'];
  const context = config.data.contexts?.find((candidate) => candidate.name === current);
  const extension = context?.context.extensions?.find((candidate) => candidate.name === MARKER_EXTENSION);
  if (context === undefined || extension === undefined) return { found: false };
  const marker = markerSchema.safeParse(extension.extension);
  if (!marker.success) return { found: true, problem: `its ${MARKER_EXTENSION} marker is incomplete (${marker.error.issues[0]?.path.join('.') ?? 'fields'} missing)` };
  return { found: true, context: context.name, marker: marker.data };
}
