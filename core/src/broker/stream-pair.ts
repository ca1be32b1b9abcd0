import { Duplex } from 'node:stream';

/**
 * Two connected in-memory duplex streams: what one side writes, the other reads. Node 20 has no
 * `Duplex.pair`, and the core's bus uses this to reach the embedded broker without a TCP socket.
 */
export function streamPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const side = (peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        peer().push(chunk);
        done();
      },
      final(done) {
        peer().push(null);
        done();
      },
      destroy(error, done) {
        const other = peer();
        if (!other.destroyed) other.destroy();
        done(error);
      },
    });
  const left = side(() => ends[1]!);
  const right = side(() => ends[0]!);
  ends.push(left, right);
  return [left, right];
}
