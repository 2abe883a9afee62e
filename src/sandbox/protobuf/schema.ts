/**
 * The Kubernetes protobuf schema, parsed from the embedded .proto text (see proto/embed.ts for why
 * it is embedded). Parsing and resolving it takes some 30-40 ms and many sessions never receive a
 * protobuf body, so it happens on the first one rather than at start-up.
 */
import protobuf from 'protobufjs';
import { PROTO_FILES } from './schema-text.generated.js';

let root: protobuf.Root | undefined;

function schema(): protobuf.Root {
  if (!root) {
    const parsed = new protobuf.Root();
    // keepCase: the .proto field names are the JSON names (`uID`, `Port`), not to be camel-cased.
    for (const text of Object.values(PROTO_FILES)) protobuf.parse(text, parsed, { keepCase: true });
    parsed.resolveAll();
    root = parsed;
  }
  return root;
}

/** The message type with this fully qualified name, e.g. `k8s.io.api.apps.v1.Deployment`. */
export function messageType(fullName: string): protobuf.Type {
  return schema().lookupType(fullName);
}

/** `k8s.io.api.apps.v1.Deployment` for a type, without protobufjs's leading dot. */
export function qualifiedName(reflected: protobuf.ReflectionObject): string {
  return reflected.fullName.replace(/^\./, '');
}
