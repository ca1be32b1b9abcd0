import type { AddressInfo, Server } from 'node:net';

/** Listen and resolve with the bound port (port 0 picks a free one); rejects with the OS error. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Close a server, destroying lingering connections after a timeout so stop never hangs. */
export function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      resolve();
    }, timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The URL a local client uses for a server bound to `bind`: a wildcard bind is reached on
 * loopback, any other address as it is.
 */
export function localUrl(scheme: 'http' | 'mqtt', bind: string, port: number): string {
  const host = bind === '0.0.0.0' || bind === '::' ? '127.0.0.1' : bind;
  return `${scheme}://${host}:${port}`;
}
