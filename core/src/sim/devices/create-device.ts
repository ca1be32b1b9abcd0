import type { ProfiledNodeType } from '../../contracts/mqtt/channel-maps.js';
import { ClimateDevice } from './climate-device.js';
import type { DeviceContext, NodeDevice } from './device.js';
import { DosingDevice } from './dosing-device.js';
import { IrrigDevice } from './irrig-device.js';
import { LightDevice } from './light-device.js';
import { RelayDevice } from './relay-device.js';

export function createDevice(type: ProfiledNodeType, ctx: DeviceContext): NodeDevice {
  switch (type) {
    case 'ph':
    case 'ec':
      return new DosingDevice(ctx);
    case 'irrig':
      return new IrrigDevice(ctx);
    case 'climate':
      return new ClimateDevice(ctx);
    case 'light':
      return new LightDevice(ctx);
    case 'relay':
      return new RelayDevice(ctx);
  }
}
