import {
  ControllerFactsSchema,
  LogLinesSchema,
  type ControllerFacts,
  type LogLevelName,
  type LogLine,
} from '@contracts/controller.js';
import { apiUrl, getData } from './http.js';

/** How the controller was started: ports, LAN access, broker, database (never secrets). */
export function fetchControllerFacts(): Promise<ControllerFacts> {
  return getData('/api/settings/controller', ControllerFactsSchema);
}

/** The newest lines of the core's log, newest first, at `level` or above. */
export function fetchRecentLogs(level: LogLevelName, limit = 200): Promise<LogLine[]> {
  return getData(apiUrl('/api/system/logs', { level, limit }), LogLinesSchema);
}
