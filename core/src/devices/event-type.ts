import { createHash } from 'node:crypto';

const MAX_TYPE_LENGTH = 255;

/**
 * The zone event type an event code is filed under (reference §4.10): UPPERCASE, every run of
 * other characters becomes `_`, trimmed of `_`; an over-long code keeps a hash suffix so two
 * long codes stay distinct; nothing left means NODE_EVENT.
 */
export function zoneEventType(code: string): string {
  const type = code
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (type === '') return 'NODE_EVENT';
  if (type.length <= MAX_TYPE_LENGTH) return type;
  const hash = createHash('sha1').update(code).digest('hex').slice(0, 10);
  return `${type.slice(0, MAX_TYPE_LENGTH - 11)}_${hash}`;
}
