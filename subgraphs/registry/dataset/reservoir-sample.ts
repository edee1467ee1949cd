/**
 * A uniform random sample of at most `size` items from a stream of unknown length, in one pass (Vitter's
 * algorithm R). `offer` builds an item only when it is kept.
 */
export class ReservoirSample<T> {
  readonly items: T[] = [];
  private seen = 0;

  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {}

  offer(make: () => T): void {
    this.seen++;
    if (this.items.length < this.size) {
      this.items.push(make());
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.size) this.items[slot] = make();
  }
}

/**
 * A seeded generator of numbers in [0, 1) (mulberry32): profiling the same file for the same dataset draws the
 * same sample.
 */
export function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
