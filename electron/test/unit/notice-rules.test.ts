import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../../core/src/contracts/realtime.js';
import {
  createNoticeFeed,
  defaultNoticeRules,
  healthFailureRule,
} from '../../main/notice-rules.js';
import { health, healthEvent } from './fakes.js';

describe('healthFailureRule', () => {
  it('notifies once when a component fails, naming it and its detail', () => {
    const rule = healthFailureRule();
    expect(rule(healthEvent(health('ok', { broker: { state: 'healthy' } })))).toBeNull();
    const failed = healthEvent(
      health('failed', { broker: { state: 'failed', detail: 'port 1883 lost' } }),
    );
    expect(rule(failed)).toEqual({ title: 'Hydro: broker failed', body: 'broker: port 1883 lost' });
    expect(
      rule(
        healthEvent(health('failed', { broker: { state: 'failed', detail: 'port 1883 lost' } })),
      ),
    ).toBeNull();
  });

  it('notifies about each newly failed component, not the ones already known', () => {
    const rule = healthFailureRule();
    rule(
      healthEvent(
        health('degraded', { broker: { state: 'failed' }, storage: { state: 'healthy' } }),
      ),
    );
    const notice = rule(
      healthEvent(
        health('failed', {
          broker: { state: 'failed' },
          storage: { state: 'failed', detail: 'disk full' },
        }),
      ),
    );
    expect(notice).toEqual({ title: 'Hydro: storage failed', body: 'storage: disk full' });
  });

  it('notifies again after a recovery and a new failure', () => {
    const rule = healthFailureRule();
    const failing = healthEvent(health('failed', { storage: { state: 'failed' } }));
    expect(rule(failing)).not.toBeNull();
    expect(rule(healthEvent(health('ok', { storage: { state: 'healthy' } })))).toBeNull();
    expect(rule(healthEvent(health('failed', { storage: { state: 'failed' } })))).toEqual({
      title: 'Hydro: storage failed',
      body: 'storage failed',
    });
  });

  it('notifies when the controller as a whole fails without a failed component', () => {
    const rule = healthFailureRule();
    expect(rule(healthEvent(health('failed')))).toEqual({
      title: 'Hydro controller failed',
      body: 'The controller reports a failure. Open Hydro for details.',
    });
    expect(rule(healthEvent(health('failed')))).toBeNull();
  });

  it('stays quiet for degraded, starting and stopping states', () => {
    const rule = healthFailureRule();
    for (const state of ['starting', 'degraded', 'stopping', 'ok'] as const) {
      expect(
        rule(healthEvent(health(state, { http: { state: 'degraded', detail: 'UI not built' } }))),
      ).toBeNull();
    }
  });

  it('ignores other event kinds', () => {
    const resync: RealtimeEvent = {
      channel: 'hydro.system',
      event: 'system.resync',
      event_id: 1,
      server_ts: 1,
      data: { reason: 'slow client' },
    };
    expect(healthFailureRule()(resync)).toBeNull();
  });
});

describe('createNoticeFeed', () => {
  it('collects the notices of every rule', () => {
    const feed = createNoticeFeed([
      () => ({ title: 'a', body: '1' }),
      () => null,
      (event) => ({ title: event.event, body: '2' }),
    ]);
    expect(feed(healthEvent(health('ok')))).toEqual([
      { title: 'a', body: '1' },
      { title: 'system.health', body: '2' },
    ]);
  });

  it('gives each core run its own memory of what already failed', () => {
    const failed = health('failed', { broker: { state: 'failed' } });
    const firstRun = createNoticeFeed(defaultNoticeRules());
    expect(firstRun(healthEvent(failed))).toHaveLength(1);
    const secondRun = createNoticeFeed(defaultNoticeRules());
    expect(secondRun(healthEvent(failed))).toHaveLength(1);
  });
});
