import pg from 'pg';

const INT8_OID = 20;

/**
 * pg hands int8 (bigint) back as a string because it can exceed 2^53. Hydro's bigints are ids,
 * Unix ms and counts, all far below that, so they become numbers; a value that would lose
 * precision is an error rather than a silently wrong id.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds 2^53`);
  return value;
}

/**
 * A pool whose int8 parser is its own: pg.types.setTypeParser would change every pg user in the
 * process.
 */
type Parser = (text: string) => unknown;

export function createPool(url: string, connectionTimeoutMillis = 5000): pg.Pool {
  const getTypeParser = (oid: number, format?: 'text' | 'binary'): Parser =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : (pg.types.getTypeParser(oid, format) as Parser);
  return new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis,
    types: { getTypeParser: getTypeParser as typeof pg.types.getTypeParser },
  });
}

/** Run `work` inside one transaction on `client`; rolled back if it throws. */
export async function transaction<T>(
  client: pg.PoolClient,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Run `work` inside one transaction on one pooled connection. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    return await transaction(client, work);
  } finally {
    client.release();
  }
}
