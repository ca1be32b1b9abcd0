import type { Clock } from '../runtime/clock.js';

export interface ThrottleLimits {
  /** Requests per IP per window to the credential endpoints (reference §5.2: 10/min/IP). */
  requestsPerWindow: number;
  windowMs: number;
  /** Failed logins per email + IP before that pair is locked out (reference §2.1: 5). */
  failuresBeforeLockout: number;
  lockoutMs: number;
}

export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  requestsPerWindow: 10,
  windowMs: 60_000,
  failuresBeforeLockout: 5,
  lockoutMs: 15 * 60_000,
};

/** Past this many tracked keys, expired ones are swept so a flood of IPs cannot grow memory. */
const SWEEP_AT = 10_000;

interface Window {
  start: number;
  count: number;
}

interface Failures {
  first: number;
  count: number;
  lockedUntil: number;
}

/**
 * Brute-force brakes for the login and setup endpoints: a fixed-window request limit per IP and
 * a lockout per email + IP after repeated failures. In memory on purpose: a restart clears it,
 * which costs an attacker a restart they cannot cause.
 */
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS,
  ) {}

  /** Count one request from `ip`; seconds to wait when it is over the limit, else null. */
  hit(ip: string): number | null {
    const now = this.clock.now();
    let window = this.windows.get(ip);
    if (!window || now - window.start >= this.limits.windowMs) {
      this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(ip, window);
    }
    window.count += 1;
    if (window.count <= this.limits.requestsPerWindow) return null;
    return seconds(window.start + this.limits.windowMs - now);
  }

  /** Seconds left of a lockout of `email` from `ip`, or null when not locked. */
  lockedFor(email: string, ip: string): number | null {
    const entry = this.failures.get(key(email, ip));
    const now = this.clock.now();
    return entry && entry.lockedUntil > now ? seconds(entry.lockedUntil - now) : null;
  }

  recordFailure(email: string, ip: string): void {
    const now = this.clock.now();
    const k = key(email, ip);
    let entry = this.failures.get(k);
    // Failures count within one lockout period; older ones are forgiven.
    if (!entry || now - entry.first >= this.limits.lockoutMs) {
      this.sweep(now);
      entry = { first: now, count: 0, lockedUntil: 0 };
      this.failures.set(k, entry);
    }
    entry.count += 1;
    if (entry.count >= this.limits.failuresBeforeLockout) {
      entry.lockedUntil = now + this.limits.lockoutMs;
    }
  }

  recordSuccess(email: string, ip: string): void {
    this.failures.delete(key(email, ip));
  }

  private sweep(now: number): void {
    if (this.windows.size >= SWEEP_AT) {
      for (const [ip, w] of this.windows)
        if (now - w.start >= this.limits.windowMs) this.windows.delete(ip);
    }
    if (this.failures.size >= SWEEP_AT) {
      for (const [k, f] of this.failures)
        if (f.lockedUntil <= now && now - f.first >= this.limits.lockoutMs) this.failures.delete(k);
    }
  }
}

function key(email: string, ip: string): string {
  return `${email}\n${ip}`;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
