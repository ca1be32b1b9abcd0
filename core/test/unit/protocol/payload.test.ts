import { describe, expect, it } from 'vitest';
import { HeartbeatSchema } from '../../../src/contracts/mqtt/heartbeat.js';
import { TelemetrySchema } from '../../../src/contracts/mqtt/telemetry.js';
import {
  BACKEND_MAX_PAYLOAD_BYTES,
  decodeJsonObject,
  decodeLwt,
  decodePayload,
} from '../../../src/protocol/payload.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('decodePayload', () => {
  it('returns the parsed message', () => {
    const result = decodePayload(bytes('{"uptime":30,"free_heap_bytes":99000}'), HeartbeatSchema);
    expect(result).toEqual({ ok: true, value: { uptime: 30, free_heap_bytes: 99000 } });
  });

  it('refuses payloads over 64 KiB before parsing them', () => {
    const padding = 'x'.repeat(BACKEND_MAX_PAYLOAD_BYTES);
    const oversized = bytes(`{"uptime":1,"free_heap":1,"pad":"${padding}"}`);
    expect(decodePayload(oversized, HeartbeatSchema)).toEqual({ ok: false, reason: 'oversized' });
    const exact = bytes(`{"p":"${'x'.repeat(BACKEND_MAX_PAYLOAD_BYTES - 8)}"}`);
    expect(exact.byteLength).toBe(BACKEND_MAX_PAYLOAD_BYTES);
    expect(decodeJsonObject(exact).ok).toBe(true);
  });

  it('takes a smaller limit, e.g. the node-side 4096 bytes', () => {
    const payload = bytes(`{"p":"${'x'.repeat(4096)}"}`);
    expect(decodeJsonObject(payload, 4096)).toEqual({ ok: false, reason: 'oversized' });
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['not JSON', bytes('ONLINE')],
    ['truncated JSON', bytes('{"uptime":')],
    ['NaN, which JSON does not have', bytes('{"uptime":NaN}')],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d])],
    ['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('{}')])],
  ])('reports %s as invalid_json', (_name, payload) => {
    expect(decodePayload(payload, HeartbeatSchema)).toEqual({ ok: false, reason: 'invalid_json' });
  });

  it.each(['[]', '[{"uptime":1}]', 'null', '42', '"offline"', 'true'])(
    'reports %s as not_object',
    (text) => {
      expect(decodePayload(bytes(text), HeartbeatSchema)).toEqual({
        ok: false,
        reason: 'not_object',
      });
    },
  );

  it('reports schema failures with the zod issues', () => {
    const result = decodePayload(
      bytes('{"metric_type":"PH","value":5.86,"timestamp":1}'),
      TelemetrySchema,
    );
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'schema') throw new Error('expected a schema failure');
    expect(result.issues.map((issue) => issue.path)).toEqual([['ts']]);
  });

  it('survives 30 000 levels of nesting inside the size limit', () => {
    const deep = bytes(`{"uptime":1,"free_heap":1,"x":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expect(decodePayload(deep, HeartbeatSchema).ok).toBe(true);
  });

  it('keeps a __proto__ key from touching any prototype', () => {
    const result = decodePayload(
      bytes('{"metric_type":"PH","value":1,"ts":1710001234,"__proto__":{"polluted":true}}'),
      TelemetrySchema,
    );
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('decodeLwt', () => {
  it.each([
    ['offline', 'OFFLINE'],
    ['online', 'ONLINE'],
    ['ONLINE', 'ONLINE'],
    ['OnLine', 'ONLINE'],
    // Clearing a retained LWT publishes an empty payload: that too reads as OFFLINE.
    ['', 'OFFLINE'],
    [' online', 'OFFLINE'],
    ['{"status":"ONLINE"}', 'OFFLINE'],
  ])('reads %j as %s', (payload, state) => {
    expect(decodeLwt(bytes(payload))).toBe(state);
  });

  it('never throws on garbage bytes', () => {
    expect(decodeLwt(Buffer.from([0xff, 0xfe, 0x00]))).toBe('OFFLINE');
  });
});
