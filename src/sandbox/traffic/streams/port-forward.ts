/**
 * The kubelet's side of `kubectl port-forward` (pkg/kubelet/cri/streaming/portforward/httpstream.go)
 * on one SPDY connection — reached either through a WebSocket tunnel (`SPDY/3.1+portforward.k8s.io`,
 * what kubectl 1.32 tries first) or a plain SPDY upgrade. For every local connection kubectl opens
 * two streams, `streamtype: error` and `streamtype: data`, sharing a `requestid` and naming the
 * `port`; once both are there the data stream is joined to the Pod's server on that port, inside
 * the Pod (the server sees 127.0.0.1). If nothing listens there, the error stream says so and
 * kubectl 1.32 gives up on the whole forward ("lost connection to pod"), as it does on a real node.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { duplexPair, type Duplex } from 'node:stream';
import { podRequest, writePodResponse } from '../http-relay.js';
import type { PodNetwork, PodServer } from '../pod-network.js';
import { dataFrame, FLAG_FIN, FrameReader, goAway, GOAWAY, HeaderReader, HeaderWriter, PING, pingFrame, RST_PROTOCOL_ERROR, RST_STREAM, rstStream, SYN_STREAM, synReply, synStreamParts, type Frame } from '../spdy/frames.js';

export const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

export interface Transport {
  write(bytes: Buffer): void;
  close(): void;
}

export interface ForwardTarget {
  namespace: string;
  pod: string;
  uid: string;
  ip: string;
}

interface Pair {
  requestId: string;
  error?: number;
  data?: number;
  port: number;
  /** Our end of the in-memory connection to the Pod's server, once joined. */
  socket?: Duplex;
  done?: boolean;
}

/** A DATA frame carries at most 2^24 - 1 bytes; smaller frames interleave streams more fairly. */
const MAX_DATA = 64 * 1024;

export class PortForwardSession {
  private readonly reader = new FrameReader();
  private readonly headersIn = new HeaderReader();
  private readonly headersOut = new HeaderWriter();
  private readonly pairs = new Map<string, Pair>();
  private readonly streamPair = new Map<number, string>();
  private readonly http: Server;
  private queue = Promise.resolve();
  private lastStream = 0;
  private closed = false;

  constructor(
    private readonly transport: Transport,
    private readonly target: ForwardTarget,
    private readonly network: PodNetwork,
    private readonly onClose: () => void = () => {},
  ) {
    // nginx's keepalive_timeout: an idle forwarded connection stays open 75 s, not Node's 5 s.
    this.http = createServer({ keepAliveTimeout: 75_000 }, (req, res) => this.request(req, res));
  }

  /** Bytes from kubectl; frames are handled strictly in order (header blocks share one zlib stream). */
  receive(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      // A frame we cannot read (a broken header block) leaves the connection unusable, as in spdystream.
      this.queue = this.queue.then(() => this.frame(frame)).catch(() => this.close());
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pair of this.pairs.values()) pair.socket?.destroy();
    this.pairs.clear();
    this.headersIn.close();
    this.http.close();
    this.transport.close();
    this.onClose();
  }

  private send(bytes: Buffer): void {
    if (!this.closed) this.transport.write(bytes);
  }

  private async frame(frame: Frame): Promise<void> {
    if (this.closed) return;
    if (!frame.control) return this.data(frame.streamId, frame.payload, (frame.flags & FLAG_FIN) !== 0);
    switch (frame.type) {
      case SYN_STREAM:
        return this.synStream(frame.payload);
      case PING:
        return this.send(pingFrame(frame.payload));
      case RST_STREAM:
        return this.reset(frame.payload.readUInt32BE(0) & 0x7fffffff);
      case GOAWAY:
        return this.close();
      default:
        // SETTINGS, WINDOW_UPDATE, HEADERS: spdystream neither needs nor sends anything for them here.
        return;
    }
  }

  private async synStream(payload: Buffer): Promise<void> {
    const { streamId, headerBlock } = synStreamParts(payload);
    const headers = await this.headersIn.read(headerBlock);
    this.lastStream = Math.max(this.lastStream, streamId);
    const port = Number(headers.get('port'));
    const type = headers.get('streamtype');
    // httpStreamReceived: a stream without a valid port or type is refused.
    if (!Number.isInteger(port) || port < 1 || port > 65535 || (type !== 'error' && type !== 'data')) {
      return this.send(rstStream(streamId, RST_PROTOCOL_ERROR));
    }
    this.send(synReply(streamId, this.headersOut.block([])));
    const requestId = headers.get('requestid') ?? String(type === 'error' ? streamId : streamId - 2);
    const pair = this.pairs.get(requestId) ?? { requestId, port };
    this.pairs.set(requestId, pair);
    this.streamPair.set(streamId, requestId);
    pair[type] = streamId;
    if (pair.error !== undefined && pair.data !== undefined) this.forward(pair);
  }

  private forward(pair: Pair): void {
    const server = this.network.connect(this.target.ip, pair.port);
    if (!server) {
      this.send(dataFrame(pair.error!, Buffer.from(this.refusal(pair.port))));
      return this.finish(pair);
    }
    const [ours, theirs] = duplexPair();
    pair.socket = ours;
    ours.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i += MAX_DATA) this.send(dataFrame(pair.data!, chunk.subarray(i, i + MAX_DATA)));
    });
    // The server closed its side (or was reset): the forwarded connection is over.
    ours.on('end', () => this.finish(pair));
    ours.on('close', () => this.finish(pair));
    ours.on('error', () => this.finish(pair));
    // The Pod's server, reached from inside its network namespace, as socat / the CRI dial it.
    pinned.set(theirs, { server, port: pair.port });
    this.http.emit('connection', theirs);
  }

  private data(streamId: number, payload: Buffer, fin: boolean): void {
    const pair = this.pairs.get(this.streamPair.get(streamId) ?? '');
    if (!pair || streamId !== pair.data) return;
    if (payload.length) pair.socket?.write(payload);
    if (fin) pair.socket?.end();
  }

  /** Both streams done: FIN on each, as portForward's deferred Close calls send. */
  private finish(pair: Pair): void {
    if (pair.done) return;
    this.forget(pair);
    for (const id of [pair.data, pair.error]) if (id !== undefined) this.send(dataFrame(id, Buffer.alloc(0), true));
  }

  /** kubectl gave up on a stream (RST_STREAM): drop its pair without another word. */
  private reset(streamId: number): void {
    const pair = this.pairs.get(this.streamPair.get(streamId) ?? '');
    if (pair) this.forget(pair);
  }

  private forget(pair: Pair): void {
    pair.done = true;
    pair.socket?.destroy();
    this.pairs.delete(pair.requestId);
    for (const id of [pair.data, pair.error]) if (id !== undefined) this.streamPair.delete(id);
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket as unknown as Duplex;
    const joined = pinned.get(socket);
    req.resume();
    // Each request on the connection goes to the server it was opened to, while that still listens.
    const server = joined && this.network.connect(this.target.ip, joined.port);
    if (!joined || !server || server.pod.name !== joined.server.pod.name) return void socket.destroy();
    server.handle(podRequest(req, req.url ?? '/', '127.0.0.1')).then(
      (answer) => writePodResponse(res, answer),
      () => socket.destroy(),
    );
  }

  /** What containerd's PortForward returns when nothing listens on the port in the Pod. */
  private refusal(port: number): string {
    const sandboxId = createHash('sha256').update(this.target.uid).digest('hex');
    const netns = `/var/run/netns/cni-${this.target.uid}`;
    return (
      `error forwarding port ${port} to pod ${sandboxId}, uid : failed to execute portforward in network namespace "${netns}": ` +
      `failed to connect to localhost:${port} inside namespace "${sandboxId}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
      `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
    );
  }

  /** GOAWAY before closing, naming the last stream accepted (sandbox stop). */
  goAway(): void {
    this.send(goAway(this.lastStream));
    this.close();
  }
}

/** The server (and port) each in-memory connection was joined to when kubectl opened it. */
const pinned = new WeakMap<Duplex, { server: PodServer; port: number }>();
