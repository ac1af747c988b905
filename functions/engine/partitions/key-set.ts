/**
 * A set of 53-bit keys (row-key hashes) in one Float64Array with open addressing: 8 bytes a slot
 * at most half full, against ~37 bytes an entry for a Set of numbers this large. Keeps a
 * multi-million-row partition's duplicate check within a Lambda's memory.
 */
export class KeySet {
  private slots = new Float64Array(1 << 12);
  private count = 0;

  /** Adds the key; false when it was already there. Keys are integers in [0, 2^53). */
  add(key: number): boolean {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const stored = key + 1; // 0 marks an empty slot
    const mask = this.slots.length - 1;
    for (let i = key % this.slots.length; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === 0) {
        this.slots[i] = stored;
        this.count++;
        return true;
      }
      if (slot === stored) return false;
    }
  }

  get size(): number {
    return this.count;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    this.count = 0;
    for (const slot of old) if (slot !== 0) this.add(slot - 1);
  }
}
