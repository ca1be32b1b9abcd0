import { describe, expect, it } from 'vitest';
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  verifyPassword,
} from '../../../src/access/passwords.js';
import { hashSecret, newSecret, safeEqual } from '../../../src/access/secrets.js';

describe('password hashes', () => {
  it('are salted scrypt: the same password hashes differently and verifies', async () => {
    const [a, b] = await Promise.all([
      hashPassword('correct horse'),
      hashPassword('correct horse'),
    ]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('Correct horse', a)).toBe(false);
  });

  it('never match a malformed hash or the dummy one', async () => {
    for (const stored of ['', 'plain', 'bcrypt$x$y', DUMMY_PASSWORD_HASH])
      expect(await verifyPassword('anything', stored), stored).toBe(false);
  });
});

describe('session and token secrets', () => {
  it('are long random values, stored only as their SHA-256', () => {
    const secret = newSecret('hys_');
    expect(secret).toMatch(/^hys_[\w-]{43}$/);
    expect(newSecret('hys_')).not.toBe(secret);
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(safeEqual(secret, secret)).toBe(true);
    expect(safeEqual(secret, `${secret}x`)).toBe(false);
  });
});
