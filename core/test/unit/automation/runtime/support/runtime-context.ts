import type { RuntimeContext } from '../../../../../src/automation/runtime/runtime-context.js';
import { workflowFor } from '../../../../../src/automation/runtime/workflows/index.js';
import { ZoneEvents } from '../../../../../src/events/zone-events.js';
import { silentLogger } from '../../../../../src/runtime/logger.js';
import type { DomainFixture } from '../../../../helpers/domain-fixture.js';

/**
 * The runtime context an engine under test gets: the fixture's real store, clock, alerts and
 * timeline; commands go through the test's ZoneIo, never the gateway. Targets default to the
 * domain's effective targets and workflows to the real registry.
 */
export function testRuntimeContext(
  f: DomainFixture,
  over: Partial<Pick<RuntimeContext, 'targets' | 'workflow'>> = {},
): RuntimeContext {
  const quiet = () => undefined;
  return {
    storage: f.storage,
    clock: f.clock,
    logger: silentLogger(),
    publish: quiet,
    commands: { send: () => Promise.reject(new Error('commands go through the ZoneIo')) },
    zoneEvents: new ZoneEvents({ storage: f.storage, clock: f.clock, publish: quiet }),
    alerts: f.alerts,
    targets: (id) => f.domain.zones.effectiveTargets(id),
    workflow: workflowFor,
    ...over,
  };
}
