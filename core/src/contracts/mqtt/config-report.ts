import { z } from 'zod';
import { ReportedChannelSchema } from './node-channel.js';

const section = z.record(z.string(), z.unknown());

/**
 * `.../config_report` (§4.7): the node's stored NodeConfig, patched with `type` and
 * `fw_version`. A freshly provisioned node reports version 1 with raw Wi-Fi and MQTT settings,
 * and current firmware echoes secrets, so the sections are only checked to be objects.
 */
export const ConfigReportSchema = z.looseObject({
  node_id: z.string().min(1),
  version: z.number().optional(),
  type: z.string().optional(),
  fw_version: z.string().optional(),
  gh_uid: z.string().optional(),
  zone_uid: z.string().optional(),
  channels: z.array(ReportedChannelSchema).optional(),
  mqtt: section.optional(),
  wifi: section.optional(),
  node_secret: z.string().optional(),
  limits: section.optional(),
  calibration: section.optional(),
  fail_safe_guards: section.optional(),
  /** Any of these lets the backend prune stored channels missing from the report. */
  channels_replace: z.boolean().optional(),
  channels_full_snapshot: z.boolean().optional(),
  full_snapshot: z.boolean().optional(),
});
export type ConfigReport = z.infer<typeof ConfigReportSchema>;

/** Whether the report claims to list every channel of the node (default: no pruning). */
export function isFullChannelSnapshot(report: ConfigReport): boolean {
  return (
    report.channels_replace === true ||
    report.channels_full_snapshot === true ||
    report.full_snapshot === true
  );
}
