import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/protocol/canonical-json.js';
import { CJSON_CANONICAL_SOURCE, compileC } from './support/c-tools.js';
import { randomJsonValue } from './support/json-values.js';
import { Random, randomDouble } from './support/random.js';

/**
 * The honest check of the whole canonical form: the node's algorithm (strcmp-sorted members,
 * `cJSON_PrintUnformatted`) run on the real cJSON library over what Hydro would put on the wire.
 * Needs the cJSON development package (Debian: libcjson-dev); skipped visibly without it.
 */
const cjson = compileC('cjson-canonical', CJSON_CANONICAL_SOURCE, ['-lcjson']);
afterAll(() => {
  if (cjson.ok) cjson.dispose();
});
const skipReason = cjson.ok ? '' : ` (skipped: ${cjson.reason})`;

function compareWithCjson(values: readonly unknown[]) {
  if (!cjson.ok) return [];
  const printed = cjson.run(values.map((value) => JSON.stringify(value)));
  return values
    .map((value, i) => ({
      wire: JSON.stringify(value),
      cjson: printed[i],
      ours: canonicalJson(value),
    }))
    .filter((row) => row.cjson !== row.ours);
}

describe('canonicalJson against cJSON', () => {
  it.skipIf(!cjson.ok)(`prints every number as cJSON's print_number does${skipReason}`, () => {
    const random = new Random(1_737_355_200);
    const numbers = Array.from({ length: 20_000 }, () => [randomDouble(random)]);
    expect(compareWithCjson(numbers).slice(0, 10)).toEqual([]);
  });

  it.skipIf(!cjson.ok)(`matches on random nested documents${skipReason}`, () => {
    const random = new Random(1_710_003_398);
    const documents = Array.from({ length: 3000 }, () =>
      randomJsonValue(random, 6, { indexLikeKeys: true, nonFinite: true }),
    );
    expect(compareWithCjson(documents).slice(0, 10)).toEqual([]);
  });

  it.skipIf(!cjson.ok)(`matches on the HMAC vectors${skipReason}`, () => {
    const file = new URL('../../fixtures/hmac-vectors.json', import.meta.url);
    const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as {
      vectors: { command: unknown; canonical: string }[];
    };
    expect(compareWithCjson(vectors.map((v) => v.command))).toEqual([]);
    expect(vectors.map((v) => canonicalJson(v.command))).toEqual(vectors.map((v) => v.canonical));
  });
});
