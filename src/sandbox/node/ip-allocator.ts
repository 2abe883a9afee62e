/**
 * Pod IPs from the cluster's pod network 10.244.0.0/16, handed out like the host-local IPAM plugin:
 * onward from the last one given, so a replaced Pod gets a new address rather than its predecessor's.
 */
/** .0 is the network, .1 the bridge gateway, the last address the broadcast. */
const FIRST = 2;
const LAST = 0xfffe;

const format = (offset: number) => `10.244.${offset >> 8}.${offset & 0xff}`;

export class PodIpAllocator {
  private readonly used = new Map<string, number>();
  private readonly taken = new Set<number>();
  private cursor = FIRST - 1;

  /** The Pod's address, allocating one on first call. */
  allocate(podUid: string): string {
    const existing = this.used.get(podUid);
    if (existing !== undefined) return format(existing);
    for (let tries = 0; tries <= LAST - FIRST; tries++) {
      this.cursor = this.cursor >= LAST ? FIRST : this.cursor + 1;
      if (this.taken.has(this.cursor)) continue;
      this.taken.add(this.cursor);
      this.used.set(podUid, this.cursor);
      return format(this.cursor);
    }
    throw new Error(`pod network ${format(0)}/16 is exhausted`);
  }

  /** Marks an address already in use (a Pod that existed before the node started). */
  reserve(podUid: string, ip: string): void {
    const parts = ip.split('.').map(Number);
    if (parts[0] !== 10 || parts[1] !== 244) return;
    const offset = (parts[2]! << 8) | parts[3]!;
    this.taken.add(offset);
    this.used.set(podUid, offset);
  }

  release(podUid: string): void {
    const offset = this.used.get(podUid);
    if (offset === undefined) return;
    this.used.delete(podUid);
    this.taken.delete(offset);
  }
}
