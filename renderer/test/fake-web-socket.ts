/** Stand-in for the browser WebSocket: tests drive its events and inspect what was opened. */
export class FakeWebSocket {
  static opened: FakeWebSocket[] = [];

  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeWebSocket.opened.push(this);
  }

  static get latest(): FakeWebSocket {
    const socket = FakeWebSocket.opened.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  close(): void {
    this.closed = true;
    this.onclose?.();
  }

  /** The server accepted the handshake. */
  accept(): void {
    this.onopen?.();
  }

  /** The handshake failed or the server went away. */
  drop(): void {
    this.onclose?.();
  }

  receive(data: unknown): void {
    this.onmessage?.({ data });
  }
}
