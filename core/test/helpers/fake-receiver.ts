import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (signatures are computed over it). */
  body: string;
}

type Reply = number | { status: number; body: unknown } | 'hang';

/**
 * A real HTTP server on 127.0.0.1, port 0, standing in for a webhook receiver or the Telegram Bot
 * API: it records every request and answers from a script (200 `{ ok: true }` when the script is
 * empty, or `fallback` once set).
 */
export interface FakeReceiver {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** Answer the next requests with these, in order ('hang' never answers). */
  script(...replies: Reply[]): void;
  /** Answer every request beyond the script with this. */
  fallback(reply: Reply): void;
  close(): Promise<void>;
}

export async function startFakeReceiver(): Promise<FakeReceiver> {
  const requests: ReceivedRequest[] = [];
  const queue: Reply[] = [];
  let otherwise: Reply = 200;
  const hanging: ServerResponse[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = queue.shift() ?? otherwise;
      if (reply === 'hang') {
        hanging.push(res);
        return;
      }
      const { status, body } =
        typeof reply === 'number' ? { status: reply, body: defaultBody(reply) } : reply;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => queue.push(...replies),
    fallback: (reply) => (otherwise = reply),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A local URL nothing listens on: a port that was free a moment ago. */
export async function deadUrl(): Promise<string> {
  const receiver = await startFakeReceiver();
  await receiver.close();
  return receiver.url;
}

function defaultBody(status: number): unknown {
  return status < 400
    ? { ok: true, result: {} }
    : { ok: false, error_code: status, description: `Failure ${status} from the fake receiver` };
}
