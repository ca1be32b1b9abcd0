import type { AlertsService } from '../../alerts/alerts-service.js';
import type { EffectiveTargets } from '../../contracts/zones.js';
import type { SendCommand, SendResult } from '../../devices/command-gateway.js';
import type { Publish } from '../../domain/context.js';
import type { ZoneEvents } from '../../events/zone-events.js';
import type { Clock } from '../../runtime/clock.js';
import type { Logger } from '../../runtime/logger.js';
import type { TaskKind } from '../../storage/automation-types.js';
import type { ZoneTopology } from '../../contracts/zones.js';
import type { Storage } from '../../storage/storage.js';
import type { Workflow } from './workflow.js';

/** What the zone runtime is built from; `storage` is read on every use (restore swaps it). */
export interface RuntimeContext {
  readonly storage: Storage;
  clock: Clock;
  logger: Logger;
  publish: Publish;
  /** The command gateway: the only publisher of commands. */
  commands: { send(request: SendCommand): Promise<SendResult> };
  zoneEvents: Pick<ZoneEvents, 'record'>;
  alerts: Pick<AlertsService, 'raise' | 'resolveByKey'>;
  targets(zoneId: number): Promise<EffectiveTargets>;
  /** The workflow that runs `kind` on a zone of `topology` (null: not supported there). */
  workflow(kind: TaskKind, topology: ZoneTopology): Workflow | null;
}
