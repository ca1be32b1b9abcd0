import { describe, expect, it } from 'vitest';
import {
  AppVersionRequestSchema,
  BRIDGE_CHANNELS,
  OpenExternalRequestSchema,
  OpenFileRequestSchema,
  SaveFileRequestSchema,
} from '../../main/bridge-contract.js';

describe('bridge request schemas', () => {
  it('accepts a typical backup save request', () => {
    const request = {
      title: 'Save backup',
      defaultName: 'hydro-2026-01-01.db',
      filters: [{ name: 'Hydro backup', extensions: ['db'] }],
    };
    expect(SaveFileRequestSchema.parse(request)).toEqual(request);
  });

  it.each([
    ['a path instead of a name', { defaultName: '../../etc/passwd' }],
    ['a Windows path', { defaultName: 'C:\\Windows\\x.db' }],
    ['a parent-directory name', { defaultName: '..' }],
    ['an empty name', { defaultName: '' }],
    [
      'an extension with a dot',
      { defaultName: 'a.db', filters: [{ name: 'x', extensions: ['.db'] }] },
    ],
    ['an unknown option', { defaultName: 'a.db', defaultPath: '/etc' }],
  ])('rejects a save request with %s', (_name, request) => {
    expect(SaveFileRequestSchema.safeParse(request).success).toBe(false);
  });

  it('accepts an open request with an any-file filter and rejects unknown options', () => {
    expect(
      OpenFileRequestSchema.safeParse({ filters: [{ name: 'All files', extensions: ['*'] }] })
        .success,
    ).toBe(true);
    expect(OpenFileRequestSchema.safeParse({ properties: ['openDirectory'] }).success).toBe(false);
  });

  it('takes a URL string for links and nothing for the version', () => {
    expect(OpenExternalRequestSchema.safeParse({ url: 'https://github.com/' }).success).toBe(true);
    expect(OpenExternalRequestSchema.safeParse('https://github.com/').success).toBe(false);
    expect(AppVersionRequestSchema.safeParse(undefined).success).toBe(true);
    expect(AppVersionRequestSchema.safeParse({ evil: true }).success).toBe(false);
  });

  it('names channels domain.verb', () => {
    for (const channel of Object.values(BRIDGE_CHANNELS))
      expect(channel).toMatch(/^[a-z]+\.[a-z]+$/);
  });
});
