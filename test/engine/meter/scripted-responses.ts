/**
 * Scripted answers for the meter's HTTP client tests: what a server writes, in parts ('END' closes
 * the connection, 'RST' resets it). Well-formed and malformed alike, including what Node's own
 * client refuses (obs-fold, bare LF, Content-Length beside Transfer-Encoding…).
 */
import { createServer, type Server } from 'node:net';

export type Part = string | Buffer | 'END' | 'RST';

const SHOP_BODY = Buffer.from('Black Friday shop v1 — served by shop-1', 'utf8');

export const SCRIPTED: Record<string, Part[]> = {
  contentLength: ['HTTP/1.1 200 OK\r\nServer: nginx/1.25.5\r\nContent-Length: 5\r\n\r\nhello'],
  headerCase: ['HTTP/1.1 200 OK\r\nsErVeR: mixed/1\r\ncontent-LENGTH: 2\r\n\r\nok'],
  folded: ['HTTP/1.1 200 OK\r\nServer: nginx\r\n  /1.25\r\nContent-Length: 5\r\n\r\nhello'],
  foldedTab: ['HTTP/1.1 200 OK\r\nX-A: a\r\n\tb\r\nServer: s\r\nContent-Length: 5\r\n\r\nhello'],
  bareLf: ['HTTP/1.1 200 OK\nServer: lf\nContent-Length: 5\n\nhello'],
  duplicateServer: ['HTTP/1.1 200 OK\r\nServer: one\r\nserver: two\r\nContent-Length: 0\r\n\r\n'],
  emptyServer: ['HTTP/1.1 200 OK\r\nServer:\r\nContent-Length: 0\r\n\r\n'],
  spaceBeforeColon: ['HTTP/1.1 200 OK\r\nServer : x\r\nContent-Length: 0\r\n\r\n'],
  noColon: ['HTTP/1.1 200 OK\r\nServer x\r\nContent-Length: 0\r\n\r\n'],
  garbage: ['garbage\r\n\r\n'],
  garbageNoNewline: ['SSH-2.0-OpenSSH'],
  twoDigitStatus: ['HTTP/1.1 99 X\r\nContent-Length: 0\r\n\r\n'],
  fourDigitStatus: ['HTTP/1.1 1000 X\r\nContent-Length: 0\r\n\r\n'],
  noReason: ['HTTP/1.1 200\r\nServer: a\r\nContent-Length: 0\r\n\r\n'],
  http10CloseDelimited: ['HTTP/1.0 200 OK\r\nServer: old\r\n\r\nbody until ', 'close', 'END'],
  http2Version: ['HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'],
  badVersion: ['HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n'],
  lengthAndChunked: ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'],
  badLength: ['HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello'],
  duplicateLength: ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello'],
  negativeLength: ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
  hugeLength: ['HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n'],
  chunked: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nServer: chunky\r\n\r\n5;ext=1\r\nshop \r\nA\r\nv2 answers\r\n0\r\nTrailer: x\r\n\r\n'],
  chunkedUpper: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: CHUNKED\r\n\r\n5\r\nhello\r\n0\r\n\r\n'],
  chunkedLast: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'],
  chunkedNotLast: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nhello', 'END'],
  badChunkSize: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'],
  chunkSizeSpace: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n'],
  chunkTooLong: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloX\r\n0\r\n\r\n'],
  chunkBareLf: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\n0\n\n'],
  chunkQuotedExtension: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a="b;c"\r\nhello\r\n0\r\n\r\n'],
  chunkSizeOverflow: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\nhello\r\n0\r\n\r\n'],
  emptyTransferEncoding: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: \r\nContent-Length: 2\r\n\r\nok'],
  chunkedCut: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel', 'END'],
  chunkedCutInTrailers: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n', 'END'],
  lengthCut: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel', 'END'],
  lengthCut503: ['HTTP/1.1 503 Service Unavailable\r\nContent-Length: 10\r\n\r\nhel', 'END'],
  headCut: ['HTTP/1.1 200 OK\r\nServer: x', 'END'],
  closedAtOnce: ['END'],
  resetAtOnce: ['RST'],
  resetInBody: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel', 'RST'],
  continue100: ['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 200 OK\r\nServer: after100\r\nContent-Length: 2\r\n\r\nok'],
  earlyHints103: ['HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nServer: after103\r\nContent-Length: 2\r\n\r\nok'],
  switching101: ['HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: upgrade\r\n\r\n', 'END'],
  noContent204: ['HTTP/1.1 204 No Content\r\nServer: n\r\n\r\n'],
  noContent204Length: ['HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n'],
  notModified304: ['HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n'],
  status500: ['HTTP/1.1 500 Internal Server Error\r\nServer: nginx/1.25.5\r\nContent-Length: 5\r\n\r\noops!'],
  status502Chunked: ['HTTP/1.1 502 Bad Gateway\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nbad\r\n0\r\n\r\n'],
  status503CloseDelimited: ['HTTP/1.1 503 Service Unavailable\r\n\r\nbusy', 'END'],
  status404: ['HTTP/1.1 404 Not Found\r\nServer: nginx/1.26.0\r\nContent-Length: 9\r\n\r\nnot found'],
  nulInValue: ['HTTP/1.1 200 OK\r\nServer: a\x00b\r\nContent-Length: 0\r\n\r\n'],
  latin1Server: [Buffer.from('HTTP/1.1 200 OK\r\nServer: caf\xe9\r\nContent-Length: 0\r\n\r\n', 'latin1')],
  utf8Server: [Buffer.from('HTTP/1.1 200 OK\r\nServer: café\r\nContent-Length: 0\r\n\r\n', 'utf8')],
  paddedValue: ['HTTP/1.1 200 OK\r\nServer:   padded  \t\r\nContent-Length: 0\r\n\r\n'],
  headerOverflow: ['HTTP/1.1 200 OK\r\nX: ' + 'a'.repeat(20_000) + '\r\nContent-Length: 0\r\n\r\n'],
  lowercaseProtocol: ['http/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'],
  bareCr: ['HTTP/1.1 200 OK\rServer: x\r\nContent-Length: 0\r\n\r\n'],
  leadingBlankLine: ['\r\nHTTP/1.1 200 OK\r\nServer: late\r\nContent-Length: 0\r\n\r\n'],
  tabAfterVersion: ['HTTP/1.1\t200 OK\r\nContent-Length: 0\r\n\r\n'],
  twoSpacesAfterVersion: ['HTTP/1.1  200 OK\r\nContent-Length: 0\r\n\r\n'],
  // A UTF-8 character split across two writes: the body marker still matches it.
  unicodeBody: [Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${SHOP_BODY.length}\r\n\r\n`), SHOP_BODY.subarray(0, 22)]), SHOP_BODY.subarray(22)],
  split: ['HT', 'TP/1.1 2', '00 OK\r', '\nServer: sp', 'lit/1\r\nContent-Len', 'gth: 4\r\n\r', '\nab', 'cd'],
  hangsInBody: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel'],
  hangsSilent: [],
};

/** A server on 127.0.0.1 that answers each connection's first bytes with `parts`, 20 ms apart. */
export async function scriptedServer(parts: readonly Part[]): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.once('data', async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        if (part === 'END') socket.end();
        else if (part === 'RST') socket.resetAndDestroy();
        else socket.write(part);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
