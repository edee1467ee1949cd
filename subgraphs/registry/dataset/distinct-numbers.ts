const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/**
 * Distinct finite numbers, each with the first spelling it was seen in: an open-addressing hash table over a
 * Float64Array. A `Map<number, string>` boxed and hashed every double and ran the profiler at a third of the
 * tokenizer's speed; this allocates nothing per lookup.
 */
export class DistinctNumbers {
  private keys = new Float64Array(64).fill(NaN);
  private spellings: (string | undefined)[] = new Array<string | undefined>(64);
  private mask = 63;
  size = 0;

  /** The first spelling of `number` if it was seen before; otherwise undefined (and nothing is added). */
  spellingOf(number: number): string | undefined {
    const slot = this.find(number + 0);
    return slot < 0 ? undefined : this.spellings[slot];
  }

  /** Adds a number not present yet. */
  add(number: number, spelling: string): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const slot = this.find(number + 0);
    this.keys[~slot] = number + 0;
    this.spellings[~slot] = spelling;
    this.size++;
  }

  values(): IterableIterator<string> {
    return (this.spellings.filter((s) => s !== undefined) as string[]).values();
  }

  /** The slot holding `number` (-0 already made 0), or the bitwise complement of the empty slot it would take. */
  private find(number: number): number {
    bits[0] = number;
    let hash = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b);
    hash ^= hash >>> 13;
    let slot = hash & this.mask;
    for (;;) {
      const key = this.keys[slot];
      if (key === number) return slot;
      // NaN marks an empty slot: every key is a finite number.
      if (key !== key) return ~slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const spellings = this.spellings;
    this.keys = new Float64Array(keys.length * 2).fill(NaN);
    this.spellings = new Array<string | undefined>(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== keys[i]) continue;
      const slot = ~this.find(keys[i]);
      this.keys[slot] = keys[i];
      this.spellings[slot] = spellings[i];
    }
  }
}
