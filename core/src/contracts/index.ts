export * from './auth.js';
export * from './devices.js';
export * from './envelope.js';
export * from './health.js';
export * from './realtime.js';
export * as mqtt from './mqtt/index.js';
