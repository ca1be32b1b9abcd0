/**
 * What every settings section needs to label a field: its problem (the form's own check or the
 * core's 422 answer) and, for an override, what applies when it is left empty.
 */
export interface FieldHelp {
  /** The message for the field at `path` (`settings.irrigation.interval_sec`), or null. */
  problem: (path: string) => string | null;
  /** The placeholder of the override at `path` (`irrigation.interval_sec`). */
  fallback: (path: string) => string;
  /** The role may not edit the zone. */
  readonly: boolean;
}
