import { describe, expect, it } from 'vitest';
import { hostAllowed, isLoopbackBind } from '../../../src/api/request-guards.js';

const local = { bind: '127.0.0.1', lan: false, allowedHosts: [] };

describe('Host check against DNS rebinding', () => {
  it('answers loopback names on a loopback server, with or without a port', () => {
    for (const host of ['localhost', 'localhost:8080', '127.0.0.1:8080', '[::1]:8080', 'LocalHost'])
      expect(hostAllowed(host, local), host).toBe(true);
    for (const host of [
      undefined,
      '',
      'evil.example',
      '192.168.1.9:8080',
      'localhost@evil.example',
      'a b',
    ])
      expect(hostAllowed(host, local), String(host)).toBe(false);
  });

  it('answers the bound address, and any IP literal only with LAN access', () => {
    expect(hostAllowed('192.168.1.9:8080', { ...local, bind: '192.168.1.9' })).toBe(true);
    expect(hostAllowed('10.0.0.5', { ...local, bind: '0.0.0.0' })).toBe(false);
    const lan = { ...local, bind: '0.0.0.0', lan: true };
    for (const host of ['10.0.0.5:8080', '[fe80::1]:8080', '192.168.1.9'])
      expect(hostAllowed(host, lan), host).toBe(true);
    expect(hostAllowed('evil.example', lan)).toBe(false);
    expect(hostAllowed('0.0.0.0.evil.example', lan)).toBe(false);
  });

  it('answers configured names', () => {
    const named = { ...local, allowedHosts: ['hydro.lan'] };
    expect(hostAllowed('hydro.lan:8080', named)).toBe(true);
    expect(hostAllowed('hydro.lan.evil.example', named)).toBe(false);
  });

  it('knows which binds stay on this machine', () => {
    expect(['127.0.0.1', '127.0.0.2', 'localhost', '::1'].every(isLoopbackBind)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.9'].some(isLoopbackBind)).toBe(false);
  });
});
