/** A pending timer that can be cancelled. */
export interface Timer {
  cancel(): void;
}

/**
 * Time source for the shell's pure logic (supervision, reconnects). Injected so unit tests drive
 * time with a fake clock instead of patching globals (architecture.md §5).
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const handle = setTimeout(callback, ms);
    return { cancel: () => clearTimeout(handle) };
  },
};
