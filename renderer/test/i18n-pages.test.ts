import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../../core/src/contracts/capabilities.js';
import { COMMAND_STATUSES, NODE_TYPES } from '../../core/src/contracts/mqtt/enums.js';
import { RANGE_PRESETS } from '../src/components/history/history-range.js';
import { STORAGE_GROUPS } from '../src/components/settings/storage-groups.js';
import en from '../src/i18n/en.js';
import ru from '../src/i18n/ru.js';

type Messages = { [key: string]: string | Messages };

function lookup(messages: Messages, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Messages)[part] : undefined),
      messages,
    );
}

// Keys the node, history, settings and access screens build from core enums at run time.
const BUILT_KEYS = [
  ...Object.keys(CAPABILITIES).map((c) => `access.action.${c}`),
  ...COMMAND_STATUSES.map((s) => `commands.status.${s}`),
  ...NODE_TYPES.map((type) => `nodeTypes.${type}`),
  ...[
    'REGISTERED_BACKEND',
    'ASSIGNED_TO_ZONE',
    'ACTIVE',
    'DEGRADED',
    'MAINTENANCE',
    'DECOMMISSIONED',
  ].map((state) => `lifecycle.${state}`),
  ...[...Object.keys(RANGE_PRESETS), 'custom'].map((p) => `history.presets.${p}`),
  ...['online', 'offline'].map((s) => `nodes.status.${s}`),
  ...['excellent', 'good', 'fair', 'weak'].map((q) => `nodes.signal.${q}`),
  ...['sent', 'ack', 'finished'].map((step) => `commands.step.${step}`),
  ...['raw', 'minute', 'hour', 'day'].map((r) => `dataSettings.retention.${r}`),
  ...['ingest', 'queue', 'clients'].map((f) => `throughput.${f}`),
  ...STORAGE_GROUPS.map((g) => `dataSettings.groups.${g}`),
  'principal.session',
];

describe('messages of the node, history, settings and sign-in screens', () => {
  it('has every key the screens build, in both languages', () => {
    for (const key of BUILT_KEYS) {
      expect(typeof lookup(en, key), `en ${key}`).toBe('string');
      expect(typeof lookup(ru, key), `ru ${key}`).toBe('string');
    }
  });
});
