import { describe, expect, it } from 'vitest';
import {
  LOG_LEVEL_NAMES,
  MqttAccessModeSchema,
  type ControllerFacts,
} from '../../core/src/contracts/controller.js';
import { controllerRows } from '../src/components/settings/controller-rows.js';
import { createAppI18n, LOCALES } from '../src/i18n/index.js';

const embedded: ControllerFacts = {
  http: { port: 8080, bind: '127.0.0.1', lan: false, allowed_hosts: [] },
  mqtt: {
    kind: 'embedded',
    port: 1883,
    bind: '0.0.0.0',
    access: 'onboarding',
    onboarding_password_set: true,
    external_url: null,
    tls: false,
  },
  database: { kind: 'sqlite' },
  data_dir: '/srv/hydro',
  log_level: 'info',
};
const external: ControllerFacts = {
  ...embedded,
  http: { port: 0, bind: '0.0.0.0', lan: true, allowed_hosts: ['hydro.lan'] },
  mqtt: { ...embedded.mqtt, kind: 'external', external_url: 'mqtts://mqtt.lan:8883', tls: true },
  database: { kind: 'postgres' },
};

const translator = (locale: (typeof LOCALES)[number]) => {
  const i18n = createAppI18n(locale).global;
  return {
    t: (key: string, values?: Record<string, unknown>) => i18n.t(key, values ?? {}),
    te: (key: string) => i18n.te(key),
  };
};
const values = (facts: ControllerFacts, locale: (typeof LOCALES)[number] = 'en') =>
  Object.fromEntries(
    controllerRows(facts, translator(locale).t)
      .flatMap((g) => g.rows)
      .map((r) => [r.key, r.value]),
  );

describe('controllerRows', () => {
  it('says what the built-in broker does, and that it has no TLS', () => {
    const rows = controllerRows(embedded, translator('en').t).flatMap((g) => g.rows);
    expect(values(embedded)).toMatchObject({
      httpPort: '8080',
      httpBind: '127.0.0.1 (this computer only)',
      lan: 'off: only this computer can open the interface',
      brokerKind: 'built in',
      mqttBind: '0.0.0.0 (every network interface)',
      onboardingPassword: 'set',
      database: 'SQLite file in the data folder',
    });
    expect(rows.find((r) => r.key === 'tls')?.hint).toMatch(/does not offer TLS/);
    expect(rows.find((r) => r.key === 'onboardingPassword')?.source).toEqual({
      env: 'HYDRO_MQTT_ONBOARDING_PASSWORD',
    });
  });

  it('marks the built-in broker settings unused with an external broker', () => {
    expect(values(external)).toMatchObject({
      httpPort: 'a free port picked at start (see System)',
      allowedHosts: 'hydro.lan',
      brokerKind: 'external, at mqtts://mqtt.lan:8883',
      mqttPort: 'not used: the external broker is in charge',
      tls: 'on (mqtts:// to the external broker)',
      database: 'PostgreSQL server',
    });
  });

  it('has every sentence it builds in both languages', () => {
    for (const locale of LOCALES) {
      const { te } = translator(locale);
      for (const access of MqttAccessModeSchema.options) {
        for (const facts of [embedded, { ...embedded, mqtt: { ...embedded.mqtt, access } }]) {
          const text = Object.values(values(facts, locale)).join(' ');
          expect(text, locale).not.toMatch(/controllerSettings\./);
        }
      }
      for (const group of controllerRows(embedded, translator(locale).t)) {
        expect(te(`controllerSettings.groups.${group.key}`), group.key).toBe(true);
        for (const row of group.rows)
          expect(te(`controllerSettings.rows.${row.key}`), row.key).toBe(true);
      }
      for (const level of LOG_LEVEL_NAMES)
        expect(te(`recentLogs.levels.${level}`), level).toBe(true);
    }
  });
});
