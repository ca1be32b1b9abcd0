/**
 * Timeouts, guard delays and poll intervals of the tank workflows (reference-domain §5.2, §5.5,
 * §5.6, §4.10: the code-verified defaults). They are runtime knobs, not setpoints.
 */

const SEC = 1_000;

/** How often a fill or drain looks at its level switches (node level events wake it sooner). */
export const LEVEL_POLL_MS = 2 * SEC;
/** A stale level switch is read once more after this before the stage fails closed (§5.1). */
export const LEVEL_RECHECK_MS = 250;
/**
 * Operator gates and manual startup look at their deadline this often; an operator step or a
 * mode change wakes the task at once (engine.operatorStep / controlModeChanged).
 */
export const OPERATOR_POLL_MS = 30 * SEC;

/** Startup in semi/manual waits this long for an operator step (§5.2). */
export const STARTUP_HOLD_MS = 3_600 * SEC;

/** `clean_fill_timeout_sec` and `clean_fill_retry_cycles` (2 attempts in total). */
export const CLEAN_FILL_TIMEOUT_MS = 1_200 * SEC;
export const CLEAN_FILL_RETRY_CYCLES = 1;

/** `solution_fill_timeout_sec` plus the in-flow correction slack (§4.10: 900 + 900). */
export const SOLUTION_FILL_TIMEOUT_MS = 1_800 * SEC;
/** Source-empty and leak guards of a pumped fill (§5.2, §5.7), from the moment water flows. */
export const SOURCE_EMPTY_DELAY_MS = 5 * SEC;
export const LEAK_DELAY_MS = 60 * SEC;

/** `prepare_recirculation_timeout_sec` (one correction window) and `_max_attempts` (windows). */
export const RECIRC_WINDOW_MS = 900 * SEC;
export const RECIRC_MAX_WINDOWS = 4;

/**
 * A pump start waits this long after its stage is entered: the irrigation node refuses to restart
 * `pump_main` within its `min_off_ms` (5 s) of the last stop, and a stop plan may just have run.
 */
export const PUMP_REST_MS = 6 * SEC;

/**
 * The node's own stage guard on a started pump (`timeout_ms`) runs this much past the stage
 * deadline: the runtime acts on its deadline first (stop plan, retry window, its own failure
 * code), the node's timer is the backstop should the runtime go quiet.
 */
export const PUMP_GUARD_SLACK_MS = 30 * SEC;

/** Solution top-up (§5.5). */
export const TOPUP_TIMEOUT_MS = 900 * SEC;
export const TOPUP_COOLDOWN_MS = 300 * SEC;

/** Solution change (§5.6): drain bound and the operator gates G1/G2. */
export const DRAIN_TIMEOUT_MS = 900 * SEC;
export const GATE_TIMEOUT_MS = 3_600 * SEC;

/**
 * Single tank: the reservoir fills from mains through `valve_clean_fill` with no pump, so no
 * source-empty switch exists; a fill that has not closed `level_solution_min` after this long
 * has no inflow (mains off) or drains as fast as it fills.
 */
export const SINGLE_FILL_TIMEOUT_MS = 1_800 * SEC;
export const SINGLE_FILL_NO_INFLOW_MS = 600 * SEC;
