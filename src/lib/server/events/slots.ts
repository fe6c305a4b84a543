// Concurrent event streams per owner and per client address: each open stream holds a slot under both keys
// until it closes. In memory, per web process (as the job rate limits): a stream lives on one process.

export interface SlotLimit {
  readonly key: string;
  readonly limit: number;
  /** What the limit counts per, for messages: 'per client'. */
  readonly per: string;
}

export type SlotResult = { readonly ok: true; readonly release: () => void } | { readonly ok: false; readonly full: SlotLimit };

export class StreamSlots {
  private readonly open = new Map<string, number>();

  /** A slot under every key, or none when any key is at its limit (the first such is returned). */
  acquire(limits: readonly SlotLimit[]): SlotResult {
    const full = limits.find((l) => (this.open.get(l.key) ?? 0) >= l.limit);
    if (full) return { ok: false, full };
    for (const { key } of limits) this.open.set(key, (this.open.get(key) ?? 0) + 1);
    let released = false;
    const release = () => {
      // Streams end by abort and by cancel, often both: count each once.
      if (released) return;
      released = true;
      for (const { key } of limits) {
        const n = (this.open.get(key) ?? 1) - 1;
        if (n > 0) this.open.set(key, n);
        else this.open.delete(key);
      }
    };
    return { ok: true, release };
  }

  /** Slots held under `key` (for tests). */
  held(key: string): number {
    return this.open.get(key) ?? 0;
  }
}
