/**
 * A hand-rolled protobuf writer for test bodies. Field numbers in the tests are read off the
 * upstream .proto files by hand, independently of the schema under test, so a wiring mistake in
 * the decoder cannot cancel itself out.
 */

function varint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest ? low | 0x80 : low);
  } while (rest);
  return Buffer.from(bytes);
}

function key(field: number, wireType: 0 | 2): Buffer {
  return varint(BigInt((field << 3) | wireType));
}

/** int32, int64 or bool; negative numbers take ten bytes, as in Go. */
export function int(field: number, value: number | boolean): Buffer {
  return Buffer.concat([key(field, 0), varint(BigInt(Number(value)))]);
}

export function bytes(field: number, value: Uint8Array): Buffer {
  return Buffer.concat([key(field, 2), varint(BigInt(value.length)), value]);
}

export function str(field: number, value: string): Buffer {
  return bytes(field, Buffer.from(value, 'utf8'));
}

/** An embedded message made of the given fields (none: an empty message, as Go writes zero structs). */
export function msg(field: number, ...fields: Buffer[]): Buffer {
  return bytes(field, Buffer.concat(fields));
}

/** One entry of a `map<string, ...>` field: key is field 1, the value (built with field 2) follows. */
export function entry(field: number, mapKey: string, value: Buffer): Buffer {
  return msg(field, str(1, mapKey), value);
}

/** A request body as client-go sends it: `k8s\0` and a runtime.Unknown wrapping the object's fields. */
export function kubernetesBody(apiVersion: string, kind: string, ...objectFields: Buffer[]): Buffer {
  return Buffer.concat([
    Buffer.from('k8s\0', 'latin1'),
    msg(1, str(1, apiVersion), str(2, kind)),
    bytes(2, Buffer.concat(objectFields)),
    str(3, ''),
    str(4, ''),
  ]);
}
