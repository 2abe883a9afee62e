/** Decoding of `application/vnd.kubernetes.protobuf` request bodies: the sandbox never encodes protobuf. */
export { decodeProtobufObject } from './decode.js';
