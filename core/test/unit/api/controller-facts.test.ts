import { describe, expect, it } from 'vitest';
import { controllerFacts } from '../../../src/api/routes/controller.js';
import { loadConfig } from '../../../src/runtime/config.js';

const config = (env: Record<string, string>) =>
  loadConfig({
    env: { HYDRO_DATA_DIR: '/srv/hydro', ...env },
    flags: {},
    readFile: () => undefined,
  });

describe('controllerFacts', () => {
  it('names an external broker and PostgreSQL without their credentials or paths', () => {
    const facts = controllerFacts(
      config({
        HYDRO_MQTT_URL: 'mqtts://hydro:broker-pass@mqtt.farm.lan:8883/x',
        HYDRO_DATABASE_URL: 'postgres://hydro:db-pass@db.farm.lan/hydro',
      }),
      true,
    );
    expect(facts.mqtt).toMatchObject({
      kind: 'external',
      external_url: 'mqtts://mqtt.farm.lan:8883',
      tls: true,
      onboarding_password_set: false,
    });
    expect(facts.database).toEqual({ kind: 'postgres' });
    expect(facts.http.lan).toBe(true);
    expect(JSON.stringify(facts)).not.toMatch(/broker-pass|db-pass|hydro:/);
  });

  it('reports the embedded broker as plain MQTT', () => {
    const facts = controllerFacts(config({}), false);
    expect(facts.mqtt).toMatchObject({ kind: 'embedded', access: 'default', tls: false });
    expect(facts.database.kind).toBe('sqlite');
  });
});
