import { TEMP_GH, TEMP_ZONE } from '../contracts/mqtt/identifiers.js';
import { ConflictError } from './errors.js';

const ATTEMPTS = 100;

/**
 * Creates a greenhouse or zone under `explicit`, or under a uid made from its name
 * (`gh-north-house`), suffixed `-2`, `-3`… while taken (reference-backend-ui §2.2). An explicit
 * uid that is taken is a conflict: it names a topic segment the caller chose on purpose.
 */
export async function createWithUid<T>(
  explicit: string | undefined,
  prefix: 'gh' | 'zn',
  name: string,
  create: (uid: string) => Promise<T>,
): Promise<T> {
  if (explicit !== undefined) return create(explicit);
  const base = baseUid(prefix, name);
  for (let n = 1; n <= ATTEMPTS; n++) {
    const uid = n === 1 ? base : `${base}-${n}`;
    if (uid === TEMP_GH || uid === TEMP_ZONE) continue;
    try {
      return await create(uid);
    } catch (error) {
      if (!(error instanceof ConflictError && error.code === 'uid_taken')) throw error;
    }
  }
  throw new ConflictError('uid_taken', `No free uid near ${base}; give one explicitly`);
}

/** Lowercase ASCII letters and digits of the name joined by `-` (accents dropped). */
export function baseUid(prefix: string, name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 50)
    .replace(/^-+|-+$/g, '');
  return slug ? `${prefix}-${slug}` : prefix;
}
