/** Where the meter's samples come from: this machine (host path) or a meter Pod in the cluster. */
import type { MeterSample } from '../checks/traffic-record.js';

export type MeterEvent = MeterSample & { detail?: string };
export type SampleSink = (sample: MeterEvent) => void;

export interface MeterSource {
  /** For the panel and the standalone meter: "requests from this machine to http://127.0.0.1:31234/". */
  readonly describe: string;
  /** Starts sending; each request's sample goes to `sink` once it ended. */
  start(sink: SampleSink): Promise<void>;
  /** Stops sending, waits for requests in flight, removes what it created. Idempotent. */
  stop(): Promise<void>;
  /** Resolves once every request sent before `before` (meter time) has ended and been sunk. */
  settled(before: number): Promise<void>;
}
