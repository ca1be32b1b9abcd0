import type { BindingRole } from '../../contracts/bindings.js';
import type { StepResult } from './workflow.js';
import type { ZoneIo } from './zone-io.js';

/** The nodes a flow task cannot run without: irrigation, pH and EC (reference-domain §5.7). */
export const REQUIRED_ROLES: readonly BindingRole[] = ['pump_main', 'ph_sensor', 'ec_sensor'];
/** A required node silent this long fails the task, no retry. */
export const NODE_DEAD_MS = 600_000;
/** Shorter gaps are waited out, looking again this often. */
export const NODE_RETRY_MS = 10_000;

/**
 * Reference-domain §5.7 and §11.13: before a flow stage acts, every required node must be online.
 * A transient gap waits (retried every 10 s); a node silent for 600 s or more fails the task
 * (fail-safe first, like every failure) with an alert. Null: all present, go on.
 */
export async function requiredNodesGuard(
  io: ZoneIo,
  now: number,
  state: Record<string, unknown>,
): Promise<StepResult | null> {
  const missing = (await io.availability(REQUIRED_ROLES)).filter((n) => !n.online);
  if (missing.length === 0) {
    delete state.nodeGapSince;
    return null;
  }
  const since = (state.nodeGapSince as number | undefined) ?? now;
  state.nodeGapSince = since;
  const dead = missing.find((n) => n.lastSeenAt === null || now - n.lastSeenAt >= NODE_DEAD_MS);
  if (dead || now - since >= NODE_DEAD_MS) {
    const node = dead ?? missing[0]!;
    return {
      kind: 'fail',
      code: 'ae3_snapshot_required_node_persistently_offline',
      alert: {
        code: 'biz_ae3_required_node_offline',
        severity: 'error',
        message: `The node behind ${node.role} has been offline for 10 minutes; the task stopped`,
        details: { role: node.role, node_id: node.nodeId, scope: node.role },
      },
    };
  }
  return { kind: 'wait', delayMs: NODE_RETRY_MS };
}
