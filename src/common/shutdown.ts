import { INestApplicationContext, Logger } from '@nestjs/common';

/** How long in-flight requests and jobs get to finish before the process gives up on them. */
export const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: stop taking work, let requests and jobs in progress
 * finish (Nest closes the HTTP server, BullMQ workers and pools through their hooks), then
 * exit 0. (Nest's own enableShutdownHooks re-raises the signal, which reads as a crash.)
 */
export function exitGracefullyOnSignals(app: INestApplicationContext): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log({ signal }, 'shutting down: finishing work in progress');
    const force = setTimeout(() => {
      logger.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app
      .close()
      .then(() => {
        logger.log({ signal }, 'stopped cleanly');
        process.exit(0);
      })
      .catch((error: Error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
