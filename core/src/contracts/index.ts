export * from './auth.js';
export * from './envelope.js';
export * from './health.js';
export * from './realtime.js';
