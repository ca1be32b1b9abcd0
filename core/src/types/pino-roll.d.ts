declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }
  type RollStream = DestinationStream & {
    fd: number;
    end(): void;
    once(event: 'close' | 'finish' | 'ready', cb: () => void): void;
  };
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
