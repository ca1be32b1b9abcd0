import { connectAsync } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Harness } from '../helpers/core-harness.js';
import { MOSQUITTO, startMosquitto } from '../helpers/mosquitto.js';

let mosquitto: Awaited<ReturnType<typeof startMosquitto>>;
let h: Harness;

// npm test installs Debian's mosquitto; a developer machine without it sees why this is skipped.
describe.skipIf(!MOSQUITTO)('external broker mode (a real Mosquitto)', () => {
  beforeAll(async () => {
    mosquitto = await startMosquitto();
    h = await startCore({ HYDRO_MQTT_URL: mosquitto.url });
  });
  afterAll(async () => {
    await h?.stop();
    await mosquitto?.stop();
  });

  it('runs the same protocol code through Mosquitto: time sync, registration, heartbeat', async () => {
    expect(h.urls.mqtt).toBe(mosquitto.url);
    const broker = h.core.health().components.find((c) => c.name === 'broker')!;
    expect(broker).toMatchObject({ state: 'healthy', metrics: { external: true } });
    const hw = 'esp32-0a0b0c0d0e0f';
    const node = await connectAsync(mosquitto.url, { clientId: hw, reconnectPeriod: 0 });
    try {
      await node.subscribeAsync('hydro/time/response', { qos: 1 });
      const time = new Promise<string>((resolve) =>
        node.once('message', (_t, p) => resolve(p.toString())),
      );
      await node.publishAsync(
        'hydro/time/request',
        JSON.stringify({ message_type: 'time_request', uptime: 1 }),
        { qos: 1 },
      );
      expect(JSON.parse(await time)).toMatchObject({ message_type: 'time_response' });
      await node.publishAsync(
        'hydro/node_hello',
        JSON.stringify({ message_type: 'node_hello', hardware_id: hw, node_type: 'climate' }),
        { qos: 1 },
      );
      await node.publishAsync(
        `hydro/gh-temp/zn-temp/${hw}/heartbeat`,
        JSON.stringify({ uptime: 4, free_heap: 9000 }),
        { qos: 1 },
      );
      await expect
        .poll(async () => (await h.core.storage.nodes.byHardwareId(hw))?.status, { timeout: 5000 })
        .toBe('online');
      expect((await h.core.storage.nodes.byHardwareId(hw))!.uid).toBe('nd-clim-0a0b0c0d0e0f');
    } finally {
      await node.endAsync();
    }
  });
});
