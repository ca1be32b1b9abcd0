import type { Clock } from '../../runtime/clock.js';

/** Firmware ring size and entry lifetime (§7.3 step 10). */
export const DEDUPE_CAPACITY = 128;
export const DEDUPE_TTL_MS = 5 * 60_000;

export type DedupeEntry =
  | { readonly state: 'in_progress' }
  | { readonly state: 'DONE'; readonly details?: Record<string, unknown> }
  | { readonly state: 'ERROR' };

interface Slot {
  entry: DedupeEntry;
  at: number;
}

/**
 * The node's memory of command ids, keyed globally (the channel is ignored). A repeat is
 * answered from here and never executed again; the oldest id falls out when the ring is full.
 */
export class DedupeCache {
  private readonly slots = new Map<string, Slot>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = DEDUPE_CAPACITY,
    private readonly ttlMs = DEDUPE_TTL_MS,
  ) {}

  lookup(cmdId: string): DedupeEntry | undefined {
    const slot = this.slots.get(cmdId);
    if (!slot) return undefined;
    if (this.clock.monotonic() - slot.at > this.ttlMs) {
      this.slots.delete(cmdId);
      return undefined;
    }
    return slot.entry;
  }

  record(cmdId: string, entry: DedupeEntry): void {
    const slot = this.slots.get(cmdId);
    if (slot) {
      slot.entry = entry;
      slot.at = this.clock.monotonic();
      return;
    }
    if (this.slots.size >= this.capacity) {
      const oldest = this.slots.keys().next();
      if (!oldest.done) this.slots.delete(oldest.value);
    }
    this.slots.set(cmdId, { entry, at: this.clock.monotonic() });
  }

  forget(cmdId: string): void {
    this.slots.delete(cmdId);
  }

  /** RAM only: a reboot empties it. */
  clear(): void {
    this.slots.clear();
  }

  get size(): number {
    return this.slots.size;
  }
}
