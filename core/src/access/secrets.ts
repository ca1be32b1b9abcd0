import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Session and personal-token secrets: 32 random bytes behind a kind prefix, so a bearer value
 * is looked up in the one table it can belong to. Only the SHA-256 is stored: the secrets are
 * long random values, so a fast hash is enough and a leaked database grants nothing.
 */
export const SESSION_PREFIX = 'hys_';
export const API_TOKEN_PREFIX = 'hyt_';

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Equality that takes the same time wherever the strings first differ. */
export function safeEqual(a: string, b: string): boolean {
  // Compare digests: equal lengths, and the secret's length does not leak either.
  return timingSafeEqual(
    createHash('sha256').update(a).digest(),
    createHash('sha256').update(b).digest(),
  );
}
