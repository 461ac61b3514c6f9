// The apiserver's ClusterIP and NodePort allocators (pkg/registry/core/service/ipallocator and portallocator).
import type { Rng } from '../core/rng';
import { intToIp, ipToInt, type Cidr } from '../net/ipv4';

/**
 * A bitmap allocator over [0, max) with a reserved lower band: dynamic allocation picks at random in the upper band
 * first and falls back to the lower band, so low addresses stay free for fixed assignments (kube-dns at .10).
 */
class BandedAllocator {
  private readonly used = new Set<number>();

  constructor(readonly max: number, readonly offset: number) {}

  has(i: number): boolean {
    return this.used.has(i);
  }

  allocate(i: number): boolean {
    if (i < 0 || i >= this.max || this.used.has(i)) return false;
    this.used.add(i);
    return true;
  }

  release(i: number): void {
    this.used.delete(i);
  }

  /** A free index, random in the upper band, then the lower band; -1 when full. Draws from `rng`. */
  allocateNext(rng: Rng): number {
    const bands: [number, number][] = [[this.offset, this.max], [0, this.offset]];
    for (const [lo, hi] of bands) {
      const size = hi - lo;
      if (size <= 0) continue;
      const start = rng.int(size);
      for (let k = 0; k < size; k++) {
        const i = lo + ((start + k) % size);
        if (!this.used.has(i)) { this.used.add(i); return i; }
      }
    }
    return -1;
  }

  get free(): number {
    return this.max - this.used.size;
  }
}

/** calculateRangeOffset: min(max(16, size/16), 256), or 0 for tiny ranges. Pure. */
export function clusterIPRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

/** The NodePort band: min(max(16, size/32), 128). Pure. */
export function nodePortRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

export type AllocateResult = { ok: true; value: string } | { ok: false; error: string };

/** ClusterIPs from the service CIDR: index 0 is the first usable address (network address excluded). */
export class ClusterIPAllocator {
  private readonly bitmap: BandedAllocator;

  constructor(readonly cidr: Cidr, private readonly rng: Rng) {
    const usable = Math.max(0, cidr.size - 2);
    this.bitmap = new BandedAllocator(usable, clusterIPRangeOffset(cidr.size));
  }

  /** Allocates a specific IP, with the apiserver's error wording. */
  allocate(ip: string, dryRun = false): AllocateResult {
    const i = ipToInt(ip) - this.cidr.base - 1;
    if (Number.isNaN(i) || i < 0 || i >= this.bitmap.max) {
      return { ok: false, error: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr.text}` };
    }
    if (this.bitmap.has(i)) return { ok: false, error: `failed to allocate IP ${ip}: provided IP is already allocated` };
    if (!dryRun) this.bitmap.allocate(i);
    return { ok: true, value: ip };
  }

  /** Allocates a random free IP. */
  allocateNext(dryRun = false): AllocateResult {
    const i = this.bitmap.allocateNext(this.rng);
    if (i < 0) return { ok: false, error: 'failed to allocate a serviceIP: range is full' };
    if (dryRun) this.bitmap.release(i);
    return { ok: true, value: intToIp(this.cidr.base + 1 + i) };
  }

  release(ip: string): void {
    this.bitmap.release(ipToInt(ip) - this.cidr.base - 1);
  }

  get free(): number {
    return this.bitmap.free;
  }
}

/** NodePorts from a port range (default 30000-32767). */
export class NodePortAllocator {
  private readonly bitmap: BandedAllocator;

  constructor(readonly base: number, readonly size: number, private readonly rng: Rng) {
    this.bitmap = new BandedAllocator(size, nodePortRangeOffset(size));
  }

  get rangeText(): string {
    return `${this.base}-${this.base + this.size - 1}`;
  }

  allocate(port: number, dryRun = false): AllocateResult {
    const i = port - this.base;
    if (i < 0 || i >= this.size) {
      return { ok: false, error: `provided port is not in the valid range. The range of valid ports is ${this.rangeText}` };
    }
    if (this.bitmap.has(i)) return { ok: false, error: 'provided port is already allocated' };
    if (!dryRun) this.bitmap.allocate(i);
    return { ok: true, value: String(port) };
  }

  allocateNext(dryRun = false): AllocateResult {
    const i = this.bitmap.allocateNext(this.rng);
    if (i < 0) return { ok: false, error: 'range is full' };
    if (dryRun) this.bitmap.release(i);
    return { ok: true, value: String(this.base + i) };
  }

  release(port: number): void {
    this.bitmap.release(port - this.base);
  }
}

export interface ServiceAllocators {
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;
}
