import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as mqtt from '../../../src/contracts/mqtt/index.js';
import { decodePayload } from '../../../src/protocol/payload.js';

/**
 * Golden payloads shared with the firmware host tests: every file is listed in manifest.json
 * with the message it is and whether the backend must accept it; rejections name the reason and,
 * for schema failures, the path of the first issue.
 */
const root = fileURLToPath(new URL('../../fixtures/payloads/', import.meta.url));

interface Entry {
  file: string;
  message: string;
  expect: 'valid' | 'invalid';
  reason?: 'schema' | 'not_object' | 'invalid_json' | 'oversized';
  path?: (string | number)[];
}
const { fixtures } = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
  fixtures: Entry[];
};

const SCHEMAS: Record<string, z.ZodType> = {
  telemetry: mqtt.TelemetrySchema,
  status: mqtt.NodeStatusSchema,
  heartbeat: mqtt.HeartbeatSchema,
  node_hello: mqtt.NodeHelloSchema,
  node_config: mqtt.NodeConfigSchema,
  config_report: mqtt.ConfigReportSchema,
  command: mqtt.CommandSchema,
  command_response: mqtt.CommandResponseSchema,
  event: mqtt.NodeEventSchema,
  error: mqtt.NodeErrorSchema,
  diagnostics: mqtt.DiagnosticsSchema,
  time_request: mqtt.TimeRequestSchema,
  time_response: mqtt.TimeResponseSchema,
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('payload fixtures', () => {
  it('are all listed in the manifest, and the manifest lists only existing files', () => {
    const onDisk = filesUnder(root)
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => file !== 'manifest.json')
      .sort();
    expect(fixtures.map((f) => f.file).sort()).toEqual(onDisk);
  });

  it('cover every message type, each with valid and invalid examples', () => {
    for (const message of Object.keys(SCHEMAS)) {
      const kinds = new Set(fixtures.filter((f) => f.message === message).map((f) => f.expect));
      expect([message, [...kinds].sort()]).toEqual([message, ['invalid', 'valid']]);
    }
  });

  it.each(fixtures.filter((f) => f.expect === 'valid').map((f) => [f.file, f] as const))(
    '%s is accepted',
    (_file, entry) => {
      const schema = SCHEMAS[entry.message];
      if (schema === undefined) throw new Error(`no schema for ${entry.message}`);
      const result = decodePayload(readFileSync(join(root, entry.file)), schema);
      expect(result).toMatchObject({ ok: true });
    },
  );

  it.each(fixtures.filter((f) => f.expect === 'invalid').map((f) => [f.file, f] as const))(
    '%s is rejected for the stated reason',
    (_file, entry) => {
      const schema = SCHEMAS[entry.message];
      if (schema === undefined) throw new Error(`no schema for ${entry.message}`);
      const result = decodePayload(readFileSync(join(root, entry.file)), schema);
      if (result.ok) throw new Error('accepted');
      expect(result.reason).toBe(entry.reason);
      if (result.reason === 'schema') expect(result.issues[0]?.path).toEqual(entry.path);
    },
  );
});
