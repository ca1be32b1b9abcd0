import { z } from 'zod';

/** Where a ready core listens, as announced on its stdout. */
export interface CoreEndpoints {
  /** HTTP origin of the API and UI, e.g. `http://127.0.0.1:51234`. */
  http: string;
  mqtt: string;
}

// The window loads this URL and the shell sets the local-admin cookie for it, so only a loopback
// origin is accepted: a wrong or hostile line must never send that cookie to another host.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function loopbackUrl(protocols: readonly string[]) {
  return z.string().refine((raw) => {
    if (!URL.canParse(raw)) return false;
    const url = new URL(raw);
    return (
      protocols.includes(url.protocol) &&
      LOOPBACK_HOSTS.has(url.hostname) &&
      url.port !== '' &&
      url.username === '' &&
      url.password === ''
    );
  });
}

const ReadyLineSchema = z.object({
  event: z.literal('ready'),
  http: loopbackUrl(['http:']),
  mqtt: loopbackUrl(['mqtt:', 'mqtts:']),
});

/**
 * Parses the one JSON line `hydro serve` prints on stdout when it is ready
 * (`{"event":"ready","http":"http://127.0.0.1:N","mqtt":"mqtt://127.0.0.1:M"}`).
 * Anything else returns null: stdout is a contract, not a log.
 */
export function parseReadyLine(line: string): CoreEndpoints | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return null;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return null;
  }
  const parsed = ReadyLineSchema.safeParse(json);
  if (!parsed.success) return null;
  return { http: new URL(parsed.data.http).origin, mqtt: parsed.data.mqtt };
}

const PinoLineSchema = z.object({
  level: z.number(),
  msg: z.string(),
  err: z.object({ message: z.string() }).optional(),
});
const PINO_ERROR_LEVEL = 50;
const MAX_SUMMARY_LENGTH = 300;

/**
 * Picks the stderr lines worth showing a user when the core dies: the one-line refusal message,
 * an error-level log entry (with its error's message), or the first line of a stack trace. Returns null for
 * noise: info logs, stack frames and the object dump after them (indented), and the `Node.js vX`
 * trailer Node prints last.
 */
export function summarizeStderrLine(line: string): string | null {
  if (line.trim() === '' || /^\s/.test(line) || /^[{}[\]]$/.test(line.trim())) return null;
  if (/^Node\.js v\d/.test(line)) return null;
  if (line.startsWith('{')) {
    try {
      const entry = PinoLineSchema.safeParse(JSON.parse(line));
      if (entry.success) {
        if (entry.data.level < PINO_ERROR_LEVEL) return null;
        const { msg, err } = entry.data;
        return truncate(err && err.message !== msg ? `${msg}: ${err.message}` : msg);
      }
    } catch {
      // Not JSON after all: fall through and show the raw line.
    }
  }
  return truncate(line.trim());
}

function truncate(text: string): string {
  return text.length > MAX_SUMMARY_LENGTH ? `${text.slice(0, MAX_SUMMARY_LENGTH - 1)}…` : text;
}
