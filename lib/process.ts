import { createServer } from 'node:net';
import {
  ConfigError,
  loadConfig,
  subgraphNeeds,
  type Config,
  type RunMode,
  type ServiceNeeds,
} from './config';
import type { Logger } from './logger';

/** Parses the configuration or ends the process with a message that names the bad variables. */
export function loadConfigOrExit(mode: RunMode, needs: ServiceNeeds = subgraphNeeds): Config {
  try {
    return loadConfig(mode, process.env, needs);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Stops everything in reverse order on SIGINT/SIGTERM, then exits; a second signal exits at once. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

/** A port that was free a moment ago (for embedded mode with port 0, where services must know each other's port). */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
