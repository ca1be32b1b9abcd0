import { z } from 'zod';

/** Which channels a command is addressed to (§6); membership is checked against the node. */
export type CommandTarget =
  | 'pump'
  | 'relay'
  | 'pwm'
  | 'roof_vent'
  | 'ph_sensor'
  | 'ec_sensor'
  | 'sensor'
  | 'system'
  | 'storage_state'
  | 'any';

export interface CommandSpec {
  readonly targets: readonly CommandTarget[];
  /** Parameter shape. Loose: firmware ignores keys it does not know. */
  readonly params: z.ZodType;
  /** Whether the node answers ACK before the terminal status. */
  readonly acks: boolean;
}

const noParams = z.looseObject({});
const calibrationStage = z.union([z.literal(1), z.literal(2)]);
const phCalibration = z
  .looseObject({
    stage: calibrationStage,
    known_ph: z.number().min(0).max(14).optional(),
    ph_value: z.number().min(0).max(14).optional(),
  })
  .refine((p) => p.known_ph !== undefined || p.ph_value !== undefined, 'known_ph is required');
const ecCalibration = z.looseObject({
  stage: calibrationStage,
  tds_value: z.number().nonnegative().max(10_000),
});

const setRelayParams = z
  .looseObject({
    /** A number > 0 also means ON. */
    state: z.union([z.boolean(), z.number()]),
    duration_ms: z.int().positive().optional(),
    timeout_ms: z.int().positive().optional(),
    stage: z.enum(['solution_fill', 'prepare_recirculation']).optional(),
  })
  .superRefine((p, ctx) => {
    const on = p.state === true || (typeof p.state === 'number' && p.state > 0);
    if (p.duration_ms !== undefined && !on) {
      ctx.addIssue({ code: 'custom', path: ['duration_ms'], message: 'only with state ON' });
    }
    if ((p.timeout_ms === undefined) !== (p.stage === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message: 'timeout_ms and stage go together',
      });
    }
  });

const spec = (targets: readonly CommandTarget[], params: z.ZodType, acks = false) => ({
  targets,
  params,
  acks,
});
const builtin = spec(['any'], noParams);
const probe = spec(['sensor'], noParams);
const sensorMode = spec(['system'], noParams);

/**
 * The commands a reference node understands (§5.2, §6). Per-node limits (60 s pumps on ph/ec,
 * 1 h `pump_main`) are enforced by the node; `set_position` has no firmware handler yet.
 */
export const COMMAND_CATALOGUE = {
  run_pump: spec(['pump'], z.looseObject({ duration_ms: z.int().min(1).max(3_600_000) }), true),
  dose: spec(['pump'], z.looseObject({ ml: z.number().positive() }), true),
  set_relay: spec(['relay', 'pump'], setRelayParams),
  toggle: spec(['relay'], noParams),
  set_pwm: spec(['pwm'], z.looseObject({ value: z.number().min(0).max(255) })),
  set_position: spec(
    ['roof_vent'],
    z.looseObject({
      position_pct: z.number().min(0).max(100),
      max_step_pct: z.number().min(0).max(100).optional(),
    }),
  ),
  calibrate: spec(['ph_sensor', 'ec_sensor'], z.union([phCalibration, ecCalibration])),
  calibrate_ph: spec(['ph_sensor'], phCalibration),
  calibrate_ec: spec(['ec_sensor'], ecCalibration),
  test_sensor: probe,
  probe_sensor: probe,
  activate_sensor_mode: sensorMode,
  deactivate_sensor_mode: sensorMode,
  state: spec(['storage_state'], noParams),
  restart: builtin,
  reboot: builtin,
  set_time: spec(['any'], z.looseObject({ unix_ts: z.int().min(1e9) })),
  report_config: builtin,
  config_report: builtin,
  get_config: builtin,
  sync_config: builtin,
  exit_safe_mode: builtin,
  get_diagnostics: builtin,
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_CATALOGUE;

export function isKnownCommand(cmd: string): cmd is CommandName {
  return Object.hasOwn(COMMAND_CATALOGUE, cmd);
}

/** Registered on every node regardless of type (§5.2). */
export const BUILTIN_COMMANDS = [
  'restart',
  'reboot',
  'set_time',
  'report_config',
  'config_report',
  'get_config',
  'sync_config',
  'exit_safe_mode',
  'get_diagnostics',
] as const satisfies readonly CommandName[];

export const TRANSPORT_MAX_ML = 500;
export const TRANSPORT_MAX_DURATION_MS = 300_000;

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

function outside(value: unknown, min: number, max: number): boolean {
  return typeof value !== 'number' || !(value >= min && value <= max);
}

/**
 * The backend's sanity caps, applied to any command before it is signed (§6): a numeric `ml`
 * must be in (0, 500], a numeric `duration_ms` in [1, 300000], and `set_position` needs its
 * percentages in [0, 100]. `timeout_ms` is deliberately not capped (the reference HL does not).
 */
export function transportCapError(cmd: string, params: Record<string, unknown>): FieldError | null {
  const { ml, duration_ms: durationMs } = params;
  if (typeof ml === 'number' && !(ml > 0 && ml <= TRANSPORT_MAX_ML)) {
    return { field: 'params.ml', message: `ml must be > 0 and <= ${TRANSPORT_MAX_ML}` };
  }
  if (typeof durationMs === 'number' && outside(durationMs, 1, TRANSPORT_MAX_DURATION_MS)) {
    return {
      field: 'params.duration_ms',
      message: `duration_ms must be between 1 and ${TRANSPORT_MAX_DURATION_MS}`,
    };
  }
  if (cmd === 'set_position') {
    if (outside(params.position_pct, 0, 100)) {
      return { field: 'params.position_pct', message: 'position_pct must be between 0 and 100' };
    }
    if (params.max_step_pct !== undefined && outside(params.max_step_pct, 0, 100)) {
      return { field: 'params.max_step_pct', message: 'max_step_pct must be between 0 and 100' };
    }
  }
  return null;
}
