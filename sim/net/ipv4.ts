// IPv4 arithmetic for CIDRs, pod ranges and service ranges.

/** `10.0.0.1` → 167772161; NaN when malformed. Pure. */
export function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) return Number.NaN;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return Number.NaN;
    const v = Number(p);
    if (v > 255) return Number.NaN;
    n = n * 256 + v;
  }
  return n;
}

/** 167772161 → `10.0.0.1`. Pure. */
export function intToIp(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export interface Cidr {
  readonly text: string;
  readonly base: number;
  readonly prefix: number;
  readonly size: number;
}

/** Parses `10.244.0.0/16`; undefined when malformed. Pure. */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const prefix = Number(m[2]);
  const ip = ipToInt(m[1]);
  if (Number.isNaN(ip) || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  const base = Math.floor(ip / size) * size;
  return { text: `${intToIp(base)}/${prefix}`, base, prefix, size };
}

/** Whether `ip` lies inside `cidr`. Pure. */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return !Number.isNaN(n) && n >= cidr.base && n < cidr.base + cidr.size;
}

/** Whether `text` is a dotted-quad IPv4 address. Pure. */
export function isIPv4(text: string): boolean {
  return !Number.isNaN(ipToInt(text));
}

/** The n-th /prefix subnet inside `parent` (e.g. the node's pod CIDR). Pure. */
export function subnet(parent: Cidr, prefix: number, index: number): Cidr {
  const size = 2 ** (32 - prefix);
  const base = parent.base + index * size;
  return { text: `${intToIp(base)}/${prefix}`, base, prefix, size };
}
