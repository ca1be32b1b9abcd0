import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailTakenError } from '../../src/access/errors.js';
import type { Storage } from '../../src/storage/storage.js';
import type { StorageUnderTest } from './storage.contract.js';

const T0 = 1_750_000_000_000;

const userInput = (email: string, role: 'admin' | 'viewer' = 'viewer') => ({
  email,
  name: email.split('@')[0]!,
  role,
  passwordHash: `scrypt$hash-of-${email}`,
  disabled: false,
});

/** Users, sessions, personal tokens and the audit log: the same behaviour in every dialect. */
export function describeAccessContract(
  name: string,
  makeStorage: () => Promise<StorageUnderTest>,
): void {
  describe(`Access storage contract: ${name}`, () => {
    let store: StorageUnderTest;
    let s: Storage;
    beforeEach(async () => {
      store = await makeStorage();
      s = store.storage;
    });
    afterEach(() => store.close());

    describe('users', () => {
      it('creates, finds by id and email, lists in order and counts', async () => {
        const ana = await s.users.create(userInput('ana@farm', 'admin'), T0);
        const bo = await s.users.create(userInput('bo@farm'), T0 + 1);
        expect(ana).toEqual({
          id: ana.id,
          ...userInput('ana@farm', 'admin'),
          createdAt: T0,
          updatedAt: T0,
        });
        expect(await s.users.byId(bo.id)).toEqual(bo);
        expect(await s.users.byEmail('ana@farm')).toEqual(ana);
        expect(await s.users.byEmail('nobody@farm')).toBeNull();
        expect(await s.users.byId(999_999)).toBeNull();
        expect((await s.users.list()).map((u) => u.email)).toEqual(['ana@farm', 'bo@farm']);
        expect(await s.users.count()).toBe(2);
      });

      it('refuses a second account with the same email', async () => {
        await s.users.create(userInput('ana@farm'), T0);
        await expect(s.users.create(userInput('ana@farm', 'admin'), T0)).rejects.toBeInstanceOf(
          EmailTakenError,
        );
        const bo = await s.users.create(userInput('bo@farm'), T0);
        await expect(s.users.update(bo.id, { email: 'ana@farm' }, T0)).rejects.toBeInstanceOf(
          EmailTakenError,
        );
      });

      it('updates only the given fields and stamps updatedAt; null for a missing user', async () => {
        const bo = await s.users.create(userInput('bo@farm'), T0);
        const updated = await s.users.update(
          bo.id,
          { role: 'admin', disabled: true, name: 'Bo' },
          T0 + 5,
        );
        expect(updated).toEqual({
          ...bo,
          role: 'admin',
          disabled: true,
          name: 'Bo',
          updatedAt: T0 + 5,
        });
        expect(await s.users.update(999_999, { name: 'x' }, T0)).toBeNull();
      });

      it('counts enabled admins, optionally without one of them', async () => {
        const a = await s.users.create(userInput('a@farm', 'admin'), T0);
        const b = await s.users.create(userInput('b@farm', 'admin'), T0);
        await s.users.create(userInput('v@farm'), T0);
        expect(await s.users.countActiveAdmins()).toBe(2);
        expect(await s.users.countActiveAdmins(a.id)).toBe(1);
        await s.users.update(b.id, { disabled: true }, T0);
        expect(await s.users.countActiveAdmins(a.id)).toBe(0);
      });

      it('deletes a user with their sessions and tokens', async () => {
        const bo = await s.users.create(userInput('bo@farm'), T0);
        await s.sessions.create({ tokenHash: 'sh-1', userId: bo.id }, T0);
        await s.apiTokens.create({ userId: bo.id, name: 'script', tokenHash: 'th-1' }, T0);
        expect(await s.users.delete(bo.id)).toBe(true);
        expect(await s.users.delete(bo.id)).toBe(false);
        expect(await s.sessions.byTokenHash('sh-1')).toBeNull();
        expect(await s.apiTokens.byTokenHash('th-1')).toBeNull();
      });
    });

    describe('sessions', () => {
      it('finds by hash, touches, deletes one, all of a user, and the idle ones', async () => {
        const ana = await s.users.create(userInput('ana@farm'), T0);
        const bo = await s.users.create(userInput('bo@farm'), T0);
        const first = await s.sessions.create({ tokenHash: 'h1', userId: ana.id }, T0);
        expect(first).toEqual({
          id: first.id,
          tokenHash: 'h1',
          userId: ana.id,
          createdAt: T0,
          lastUsedAt: T0,
        });
        expect(await s.sessions.byTokenHash('h1')).toEqual(first);
        expect(await s.sessions.byTokenHash('nope')).toBeNull();
        await s.sessions.touch(first.id, T0 + 100);
        expect((await s.sessions.byTokenHash('h1'))?.lastUsedAt).toBe(T0 + 100);

        await s.sessions.create({ tokenHash: 'h2', userId: ana.id }, T0 + 50);
        await s.sessions.create({ tokenHash: 'h3', userId: bo.id }, T0 + 200);
        expect(await s.sessions.deleteIdleBefore(T0 + 150)).toBe(2);
        expect(await s.sessions.byTokenHash('h3')).not.toBeNull();
        expect(await s.sessions.deleteForUser(bo.id)).toBe(1);
        const again = await s.sessions.create({ tokenHash: 'h4', userId: bo.id }, T0);
        expect(await s.sessions.delete(again.id)).toBe(true);
        expect(await s.sessions.delete(again.id)).toBe(false);
      });
    });

    describe('personal API tokens', () => {
      it('lists a user’s tokens, revokes only their own once, and keeps revoked rows', async () => {
        const ana = await s.users.create(userInput('ana@farm'), T0);
        const bo = await s.users.create(userInput('bo@farm'), T0);
        const t1 = await s.apiTokens.create(
          { userId: ana.id, name: 'grafana', tokenHash: 'a' },
          T0,
        );
        const t2 = await s.apiTokens.create({ userId: ana.id, name: 'backup', tokenHash: 'b' }, T0);
        await s.apiTokens.create({ userId: bo.id, name: 'other', tokenHash: 'c' }, T0);
        expect(t1).toEqual({
          id: t1.id,
          userId: ana.id,
          name: 'grafana',
          tokenHash: 'a',
          createdAt: T0,
          lastUsedAt: null,
          revokedAt: null,
        });
        expect((await s.apiTokens.listForUser(ana.id)).map((t) => t.name)).toEqual([
          'grafana',
          'backup',
        ]);
        expect(await s.apiTokens.revoke(t2.id, bo.id, T0 + 1)).toBe(false);
        expect(await s.apiTokens.revoke(t2.id, ana.id, T0 + 1)).toBe(true);
        expect(await s.apiTokens.revoke(t2.id, ana.id, T0 + 2)).toBe(false);
        expect((await s.apiTokens.byTokenHash('b'))?.revokedAt).toBe(T0 + 1);
        await s.apiTokens.touch(t1.id, T0 + 9);
        expect((await s.apiTokens.byTokenHash('a'))?.lastUsedAt).toBe(T0 + 9);
        expect(await s.apiTokens.listForUser(ana.id)).toHaveLength(2);
      });
    });

    describe('audit log', () => {
      it('stores entries with text target ids and JSON diffs, pages by after_id', async () => {
        const ids: number[] = [];
        for (let i = 0; i < 5; i++) {
          ids.push(
            await s.audit.insert({
              actor: 'user:1 Ana',
              action: i % 2 === 0 ? 'node.assign' : 'user.update',
              targetType: i % 2 === 0 ? 'node' : 'user',
              targetId: i % 2 === 0 ? 7 : 'u-1',
              diff: i === 0 ? { zone_id: [null, 3], nested: { ok: true } } : null,
              at: T0 + i,
            }),
          );
        }
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
        const first = await s.audit.list({ limit: 2 });
        expect(first).toEqual([
          {
            id: ids[0],
            actor: 'user:1 Ana',
            action: 'node.assign',
            targetType: 'node',
            targetId: '7',
            diff: { zone_id: [null, 3], nested: { ok: true } },
            at: T0,
          },
          expect.objectContaining({ id: ids[1], targetId: 'u-1', diff: null }),
        ]);
        const next = await s.audit.list({ after_id: first[1]!.id, limit: 10 });
        expect(next.map((e) => e.id)).toEqual(ids.slice(2));
        const forNode = await s.audit.list({ limit: 10, targetType: 'node', targetId: 7 });
        expect(forNode.map((e) => e.at)).toEqual([T0, T0 + 2, T0 + 4]);
        expect(await s.audit.list({ limit: 10, targetType: 'zone' })).toEqual([]);
        await s.audit.insert({
          actor: 'setup',
          action: 'system.start',
          targetType: 'system',
          targetId: null,
          diff: null,
          at: T0,
        });
        expect((await s.audit.list({ after_id: ids[4]!, limit: 10 }))[0]?.targetId).toBeNull();
      });
    });
  });
}
