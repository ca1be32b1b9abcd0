// Bench helper: the embedded broker alone (no ingest), open access, for the baseline.
const dist = new URL('../../../dist/core/', import.meta.url);
const { AedesBrokerHost } = await import(new URL('broker/aedes-broker-host.js', dist).href);
const { silentLogger } = await import(new URL('runtime/logger.js', dist).href);

const broker = new AedesBrokerHost({
  port: 0,
  bind: '127.0.0.1',
  logger: silentLogger(),
  access: {
    mode: 'open',
    servicePassword: 'bench',
    onboardingPassword: undefined,
    verifyNode: () => null,
    nodeNamespace: () => null,
  },
});
await broker.start();
process.stdout.write(`${JSON.stringify({ event: 'ready', mqtt: broker.url() })}\n`);
process.on('SIGTERM', () => void broker.stop().then(() => process.exit(0)));
