import type { CommandHandler } from '../node/command-processor.js';
import { done, failure } from '../node/responses.js';
import type { DeviceContext } from './device.js';

/**
 * Two-point probe calibration as the firmware takes it (§6, [DIVERGENCE] with the docs' `type`):
 * pH `{stage, known_ph|ph_value}`, EC `{stage, tds_value}`. The point is persisted into the
 * stored NodeConfig and announced with a config_report, which is what the backend waits for.
 * The simulated probes stay ideal; calibration is bookkeeping only.
 */
export function calibrationCommands(
  ctx: DeviceContext,
  sensor: 'ph' | 'ec',
): Record<string, CommandHandler> {
  const probeChannel = sensor === 'ph' ? 'ph_sensor' : 'ec_sensor';
  const rawReading = () => {
    const value = sensor === 'ph' ? ctx.world.solution().ph : ctx.world.solution().ec;
    return Math.round(value * 1000);
  };
  const calibrate: CommandHandler = (req, reply) => {
    if (req.channel !== probeChannel) {
      return reply.send(failure('invalid_channel', `Calibrate ${probeChannel}`));
    }
    const { stage } = req.params;
    if (sensor === 'ec' && (stage === undefined || req.params.tds_value === undefined)) {
      return reply.send(failure('invalid_format', 'stage and tds_value are required'));
    }
    if (stage !== 1 && stage !== 2) {
      return reply.send(failure('invalid_stage', 'stage must be 1 or 2'));
    }
    const raw = rawReading();
    if (sensor === 'ph') {
      const known = req.params.known_ph ?? req.params.ph_value;
      if (typeof known !== 'number' || known < 0 || known > 14) {
        return reply.send(failure('invalid_params', 'known_ph must be 0..14'));
      }
      ctx.saveCalibration('ph', { [`point${stage}`]: { raw, value: known } });
      return reply.send(done({ stage, known_ph: known, raw }));
    }
    const tds = req.params.tds_value;
    if (typeof tds !== 'number' || tds < 0 || tds > 10_000) {
      return reply.send(failure('invalid_tds', 'tds_value must be 0..10000 ppm'));
    }
    ctx.saveCalibration('ec', { [`point${stage}`]: { raw, tds } });
    reply.send(done({ stage, tds_value: tds, raw }));
  };
  return { calibrate, [sensor === 'ph' ? 'calibrate_ph' : 'calibrate_ec']: calibrate };
}
