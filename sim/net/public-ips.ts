// The cloud's pool of public frontend addresses for load balancers (an Azure Public IP per Service), drawn at
// random and never handed out twice while in use.
// SIMPLIFIED: addresses are drawn from 20.100.0.0–20.254.255.255, a stand-in for Azure's regional ranges.
import type { Rng } from '../core/rng';

/** Allocates and releases public IPs, remembering which Service uid holds which. */
export class PublicIpPool {
  private readonly inUse = new Set<string>();
  private readonly byOwner = new Map<string, string>();

  /** The address held by `owner` (a Service uid), if any. */
  addressOf(owner: string): string | undefined {
    return this.byOwner.get(owner);
  }

  /** The owner's address, allocating a fresh one from `rng` if it has none. */
  allocate(owner: string, rng: Rng): string {
    const held = this.byOwner.get(owner);
    if (held) return held;
    for (;;) {
      const ip = `20.${100 + rng.int(155)}.${rng.int(256)}.${1 + rng.int(254)}`;
      if (this.inUse.has(ip)) continue;
      this.inUse.add(ip);
      this.byOwner.set(owner, ip);
      return ip;
    }
  }

  /** Returns the owner's address to the pool. */
  release(owner: string): void {
    const ip = this.byOwner.get(owner);
    if (ip === undefined) return;
    this.inUse.delete(ip);
    this.byOwner.delete(owner);
  }

  get size(): number {
    return this.inUse.size;
  }
}
