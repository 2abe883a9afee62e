/** The embedded schema must be exactly the .proto files: regenerate with `npx tsx src/sandbox/protobuf/proto/embed.ts`. */
import { describe, expect, it } from 'vitest';
import { protoFilePaths, readProtoFile } from '../../../src/sandbox/protobuf/proto/embed.js';
import { PROTO_FILES } from '../../../src/sandbox/protobuf/schema-text.generated.js';

describe('schema-text.generated.ts', () => {
  it('embeds every .proto file under proto/, and nothing else', () => {
    expect(Object.keys(PROTO_FILES).sort()).toEqual(protoFilePaths());
  });

  it.each(protoFilePaths())('embeds %s verbatim', (path) => {
    expect(PROTO_FILES[path]).toBe(readProtoFile(path));
  });
});
