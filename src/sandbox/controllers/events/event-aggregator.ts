/**
 * EventAggregator (client-go tools/record/events_cache.go): when one source reports the same reason
 * about the same object with ten distinct messages within ten minutes — a retry loop whose errors
 * name a fresh Pod each time — the rest go into one Event, "(combined from similar events): …",
 * whose count grows instead.
 */
import type { SimClock } from '../../clock.js';

const MAX_DISTINCT_MESSAGES = 10;
const INTERVAL_SECONDS = 600;
const CACHE_SIZE = 4096;

export class EventAggregator {
  private readonly records = new Map<string, { messages: Set<string>; last: number }>();

  constructor(private readonly clock: SimClock) {}

  /** The key and message to record `message` under: its own, or the combined Event's. */
  aggregate(similarKey: string, eventKey: string, message: string): { key: string; message: string } {
    let record = this.records.get(similarKey);
    const now = Date.now();
    if (!record || ((now - record.last) / 1000) * this.clock.speed > INTERVAL_SECONDS) record = { messages: new Set(), last: now };
    record.messages.add(message);
    record.last = now;
    this.records.delete(similarKey);
    this.records.set(similarKey, record);
    if (this.records.size > CACHE_SIZE) this.records.delete(this.records.keys().next().value as string);
    if (record.messages.size < MAX_DISTINCT_MESSAGES) return { key: eventKey, message };
    // Do not let the set of messages grow past the threshold.
    record.messages.delete(record.messages.values().next().value as string);
    return { key: similarKey, message: `(combined from similar events): ${message}` };
  }
}
