/**
 * `seatline start`: boots the runtime, seeds the demo on first start, and serves the API and the
 * web app on one port.
 */
import type { Config } from './config.ts';
import { seedDemoWorld } from './demo.ts';
import { DEMO_PASSWORD } from './org/commands/seed-demo.ts';
import { startDemoTraffic } from './simulator/live/demo-traffic.ts';
import { bootRuntime } from './platform/boot.ts';
import { buildApp } from './platform/http/app.ts';

export async function startServer(config: Config) {
  const runtime = await bootRuntime(config);
  const app = await buildApp(runtime, { logger: true });
  const log = app.log;
  if (config.seedDemo) {
    const logins = await seedDemoWorld(runtime);
    if (logins) {
      // A plain-text banner, not a log line: it is meant to be read by the person who just ran npm start.
      const lines = logins.map((l) => `  ${l.username.padEnd(32)} ${l.tenant.padEnd(14)} ${l.roles.join(',')}`);
      process.stdout.write(`\nDemo seeded. Logins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n\n`);
    } else {
      log.info(`Demo logins: ops.admin, property.agent, property.tenant_admin, shop.agent, … (password: ${DEMO_PASSWORD})`);
    }
  }
  await app.listen({ port: config.port, host: config.host });
  log.info(`Seatline is up at http://localhost:${config.port} (database: ${runtime.ctx.database.kind})`);
  const demoTraffic = config.demoTraffic.enabled
    ? await startDemoTraffic(runtime, { callsPerMinute: config.demoTraffic.callsPerMinute, onError: (error) => log.warn({ err: error }, 'demo traffic') })
    : null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received, shutting down`);
    await demoTraffic?.stop();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { app, runtime };
}
