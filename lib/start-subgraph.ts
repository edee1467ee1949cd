import type { Config } from './config';
import { migrate, openDatabase, type Orm } from './database';
import type { Infrastructure } from './infrastructure';
import type { Logger } from './logger';
import { createServiceMetrics } from './metrics';
import { createAuditQueue } from './server/audit-queue';
import { startSubgraphServer, type RunningService } from './server/subgraph-server';
import type { SubgraphModule } from './subgraph-module';

export interface StartSubgraphOptions {
  config: Config;
  infrastructure: Infrastructure;
  logger: Logger;
  /** Port to listen on; defaults to the subgraph's configured port (0 picks a free one). */
  port?: number;
  /** Receives every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
}

export interface StartedSubgraph extends RunningService {
  orm: Orm;
}

/** Opens the subgraph's database, applies its migrations and serves it. */
export async function startSubgraph(
  module: SubgraphModule,
  options: StartSubgraphOptions,
): Promise<StartedSubgraph> {
  const { config, infrastructure } = options;
  const logger = options.logger.child({ subgraph: module.name });
  const orm = await openDatabase({
    subgraph: module.name,
    entities: module.entities,
    migrations: module.migrations,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
    onQuery: options.onQuery,
  });
  // Background work a module started must stop before the database closes, even when serving fails to start.
  let definition: Awaited<ReturnType<SubgraphModule['create']>> | undefined;
  try {
    await migrate(orm, module.name);
    // Made before the module, so its series (e.g. inference's per-deployment ones) are served by the same /metrics.
    const metrics = createServiceMetrics(module.name);
    definition = await module.create({ config, orm, infrastructure, logger, metrics });
    definition.readiness = {
      database: async () => {
        await orm.em.getConnection().execute('select 1');
      },
      ...infrastructure.readiness,
      ...definition.readiness,
    };
    const started = definition;
    const audit = createAuditQueue({
      stream: infrastructure.eventStream,
      streamMaxLength: config.audit.streamMaxLength,
      queueMax: config.audit.eventsQueueMax,
      metrics,
      logger,
    });
    const server = await startSubgraphServer(started, {
      port: options.port ?? config.ports[module.name],
      host: config.host,
      internalSecret: config.internalSecret,
      logger,
      exposeStack: config.exposeStack,
      maxRequestBytes: config.limits.maxRequestBytes,
      metrics,
      metricsToken: config.metricsToken,
      audit,
    });
    return {
      ...server,
      orm,
      async stop() {
        await server.stop();
        // Before the background work stops: observability's audit consumer may still store the last events.
        await audit.flush();
        await started.stopBackgroundWork?.();
        await orm.close();
      },
    };
  } catch (error) {
    await definition?.stopBackgroundWork?.();
    await orm.close();
    throw error;
  }
}
