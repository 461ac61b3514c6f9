// The engine's only source of chance: a seeded sfc32 generator with plain-data state and named sub-streams.

export interface RngState {
  readonly seedLabel: string;
  readonly s: readonly [number, number, number, number];
}

/** cyrb128: a 128-bit string hash, used to derive a stream's initial state from its seed and label. Pure. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4; h2 ^= h1; h3 ^= h1; h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A deterministic random stream. `fork(label)` depends only on this stream's seed label, never on draws made. */
export class Rng {
  private a: number; private b: number; private c: number; private d: number;

  private constructor(readonly seedLabel: string, s: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = s;
  }

  /** A root stream for a simulation seed. */
  static seeded(seed: number | string): Rng {
    const label = `kubesim:${seed}`;
    const rng = new Rng(label, cyrb128(label));
    for (let i = 0; i < 12; i++) rng.nextUint32();
    return rng;
  }

  /** Restores a stream from `state()`. */
  static fromState(state: RngState): Rng {
    return new Rng(state.seedLabel, state.s);
  }

  /** An independent named sub-stream (e.g. 'scheduler'). */
  fork(label: string): Rng {
    const childLabel = `${this.seedLabel}/${label}`;
    const child = new Rng(childLabel, cyrb128(childLabel));
    for (let i = 0; i < 12; i++) child.nextUint32();
    return child;
  }

  /** Plain-data state, for checkpoints. */
  state(): RngState {
    return { seedLabel: this.seedLabel, s: [this.a, this.b, this.c, this.d] };
  }

  /** A uniform 32-bit unsigned integer (sfc32). */
  nextUint32(): number {
    this.a >>>= 0; this.b >>>= 0; this.c >>>= 0; this.d >>>= 0;
    const t = (this.a + this.b | 0) + this.d | 0;
    this.d = this.d + 1 | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = this.c + (this.c << 3) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = this.c + t | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A uniform integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `base` plus a uniform jitter in [0, jitter]. */
  jitter(base: number, jitter: number): number {
    return base + (jitter > 0 ? this.int(jitter + 1) : 0);
  }
}
