import { z } from 'zod';

/**
 * One topic segment (gh, zone, node or channel id): lowercase, no spaces, no MQTT wildcards
 * (reference-protocol.md §2–§3).
 */
export const TOPIC_SEGMENT_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const TOPIC_SEGMENT_MAX_LENGTH = 64;

export function isTopicSegment(value: string): boolean {
  return value.length <= TOPIC_SEGMENT_MAX_LENGTH && TOPIC_SEGMENT_PATTERN.test(value);
}

export const TopicSegmentSchema = z
  .string()
  .max(TOPIC_SEGMENT_MAX_LENGTH)
  .regex(TOPIC_SEGMENT_PATTERN, 'lowercase [a-z0-9][a-z0-9_-]*');

/** Greenhouse and zone of an unbound node; its node segment is then the hardware id. */
export const TEMP_GH = 'gh-temp';
export const TEMP_ZONE = 'zn-temp';

/** `esp32-` + the 12 lowercase hex digits of the factory MAC, e.g. `esp32-78e36ddde468`. */
export const HARDWARE_ID_PATTERN = /^esp32-[0-9a-f]{12}$/;

/**
 * Command ids as the node accepts them: the schema allows 128 characters but the firmware's
 * dedupe cache holds 63, and longer ids come back as `invalid_command_format` (§2, §7.3).
 */
export const CMD_ID_PATTERN = /^[a-zA-Z0-9_-]+$/;
export const CMD_ID_MAX_LENGTH = 63;
export const CmdIdSchema = z.string().min(1).max(CMD_ID_MAX_LENGTH).regex(CMD_ID_PATTERN);

/** The firmware's command-name buffer is 32 bytes including the terminator (§4.8). */
export const CMD_NAME_MAX_LENGTH = 31;

/**
 * A synced Unix time in whole seconds, as we stamp commands and time responses. Nodes refuse
 * anything below 1e9 as "clock not set" (§4.13), and 1e10 is where device timestamps switch to
 * milliseconds (§4).
 */
export const UnixSecondsSchema = z
  .int()
  .min(1e9)
  .max(1e10 - 1);
