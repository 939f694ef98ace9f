/**
 * `npm run server`: reads the environment, starts the backend, and shuts it down cleanly on
 * SIGINT/SIGTERM (in-flight requests finish, the database is closed).
 */
import { startServer } from './app.js';
import { loadServerConfig, ServerConfigError } from './config.js';
import { createSesMailPort } from './mail/sesMail.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadServerConfig>;
  try {
    config = loadServerConfig();
  } catch (error) {
    if (error instanceof ServerConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Security notices go through SES when configured (loadServerConfig refuses a deployment without it).
  const mail = config.mail?.kind === 'ses' ? createSesMailPort(config.mail) : undefined;
  const server = await startServer(config, mail ? { mail } : {});
  // A stable line that launchers (and the CLI test) can wait for.
  process.stdout.write(`gatehouse-server listening on ${server.url}\n`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while closing after ${signal}: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gatehouse-server failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
