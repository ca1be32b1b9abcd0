import { timingSafeEqual } from 'node:crypto';
import type { NodeNamespace } from '../broker/mqtt-access.js';
import { TEMP_GH, TEMP_ZONE } from '../protocol/topics.js';
import type { NodeRecord, ZoneRecord } from '../storage/types.js';

/** What the hot paths (broker ACL on every packet, ingest on every sample) need about a node. */
export interface DirectoryEntry {
  id: number;
  uid: string;
  hardwareId: string;
  type: string;
  /** Current MQTT namespace: the bound zone, or the temp namespace. */
  gh: string;
  zone: string;
  zoneId: number | null;
  pendingZoneId: number | null;
  /** Namespace of the pending zone, where the node will confirm the bind. */
  pending: { gh: string; zone: string } | null;
  nodeSecret: string;
  mqttPassword: string;
  decommissioned: boolean;
}

/**
 * An in-memory index of nodes, kept in step by the registry (the only writer of node rows), so
 * the broker's ACL hooks and ingest never wait on the database.
 */
export class NodeDirectory {
  private readonly byUid = new Map<string, DirectoryEntry>();
  private readonly uidByHardware = new Map<string, string>();

  put(
    node: NodeRecord,
    zone: ZoneRecord | null,
    pendingZone: ZoneRecord | null = null,
  ): DirectoryEntry {
    const entry: DirectoryEntry = {
      id: node.id,
      uid: node.uid,
      hardwareId: node.hardwareId,
      type: node.type,
      gh: zone?.greenhouseUid ?? TEMP_GH,
      zone: zone?.uid ?? TEMP_ZONE,
      zoneId: node.zoneId,
      pendingZoneId: node.pendingZoneId,
      pending: pendingZone ? { gh: pendingZone.greenhouseUid, zone: pendingZone.uid } : null,
      nodeSecret: node.nodeSecret,
      mqttPassword: node.mqttPassword,
      decommissioned: node.lifecycleState === 'DECOMMISSIONED',
    };
    this.byUid.set(node.uid, entry);
    this.uidByHardware.set(node.hardwareId, node.uid);
    return entry;
  }

  get(uid: string): DirectoryEntry | undefined {
    return this.byUid.get(uid);
  }

  byHardwareId(hardwareId: string): DirectoryEntry | undefined {
    const uid = this.uidByHardware.get(hardwareId);
    return uid === undefined ? undefined : this.byUid.get(uid);
  }

  get size(): number {
    return this.byUid.size;
  }

  /** Broker credential check: the node uid is the user name. */
  verifyNode(username: string, password: string): string | null {
    const entry = this.byUid.get(username);
    if (!entry || entry.decommissioned) return null;
    const a = Buffer.from(password);
    const b = Buffer.from(entry.mqttPassword);
    return a.length === b.length && timingSafeEqual(a, b) ? entry.uid : null;
  }

  namespace(uid: string): NodeNamespace | null {
    const entry = this.byUid.get(uid);
    if (!entry || entry.decommissioned) return null;
    return {
      uid: entry.uid,
      hardwareId: entry.hardwareId,
      gh: entry.gh,
      zone: entry.zone,
      pending: entry.pending,
    };
  }
}
