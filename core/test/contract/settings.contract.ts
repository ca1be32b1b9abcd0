import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsRepo } from '../../src/storage/settings-types.js';
import type { StorageUnderTest } from './storage.contract.js';

const T0 = 1_750_000_000_000;

const notifications = {
  webhook: {
    enabled: true,
    url: 'https://hooks.example/x',
    secret: 's3cret',
    min_severity: 'error',
  },
  telegram: { enabled: false, bot_token: null, chat_id: null, min_severity: 'warning' },
  desktop: { enabled: true, min_severity: 'error' },
};

/** Runtime settings documents: the same behaviour in every dialect. */
export function describeSettingsContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Settings storage contract: ${name}`, () => {
    let store: StorageUnderTest;
    let settings: SettingsRepo;
    beforeEach(async () => {
      store = await makeStorage();
      settings = store.storage.settings;
    });
    afterEach(() => store.close());

    it('answers null for a key never written', async () => {
      expect(await settings.get('notifications')).toBeNull();
      expect(await settings.list()).toEqual([]);
    });

    it('stores a JSON document with who wrote it and when, and reads it back equal', async () => {
      const stored = await settings.put('notifications', notifications, 'user:1 ana', T0);
      const expected = {
        key: 'notifications',
        value: notifications,
        updatedAt: T0,
        updatedBy: 'user:1 ana',
      };
      expect(stored).toEqual(expected);
      expect(await settings.get('notifications')).toEqual(expected);
    });

    it('replaces the whole document on a second put (fields left out are gone)', async () => {
      await settings.put('notifications', notifications, 'user:1 ana', T0);
      const next = { desktop: { enabled: false, min_severity: 'critical' } };
      await settings.put('notifications', next, null, T0 + 5);
      expect(await settings.get('notifications')).toEqual({
        key: 'notifications',
        value: next,
        updatedAt: T0 + 5,
        updatedBy: null,
      });
    });

    it('keeps every JSON shape: arrays, nested nulls, numbers, strings and scalars', async () => {
      const values: Record<string, unknown> = {
        array: [1, 'two', null, { three: [3.5, -0.25] }],
        number: 42.125,
        string: 'привет "quoted" \\ \n',
        flag: false,
        nothing: null,
      };
      for (const [key, value] of Object.entries(values)) await settings.put(key, value, null, T0);
      for (const [key, value] of Object.entries(values)) {
        expect((await settings.get(key))?.value, key).toEqual(value);
      }
    });

    it('lists documents by key in bytewise order and deletes one', async () => {
      for (const key of ['notifications', 'Zeta', 'alerts.policy', 'alerts_policy']) {
        await settings.put(key, { key }, 'api-token', T0);
      }
      expect((await settings.list()).map((s) => s.key)).toEqual([
        'Zeta',
        'alerts.policy',
        'alerts_policy',
        'notifications',
      ]);
      expect(await settings.delete('Zeta')).toBe(true);
      expect(await settings.delete('Zeta')).toBe(false);
      expect(await settings.get('Zeta')).toBeNull();
      expect(await settings.list()).toHaveLength(3);
    });
  });
}
