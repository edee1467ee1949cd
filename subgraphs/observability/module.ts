import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { subgraphNames, subgraphUrl } from '../../lib/config';
import { readSubgraphSchema } from '../../lib/paths';
import { readinessUrl } from '../../lib/server/health';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { ObservabilityContext } from './context';
import { AuditEventSchema, AuditEventTargetSchema } from './audit/audit-event.entity';
import { startAuditConsumer } from './audit/audit-consumer';
import { BackgroundConsumers, consumerName } from './consumption/background-consumers';
import { ConsumedEventSchema } from './consumption/consumed-event.entity';
import { predictionEventsConsumed } from './consumption/prediction-events-consumed';
import { DriftPolicySchema } from './drift-policy/drift-policy.entity';
import { ModelMinuteMetricsSchema } from './metrics/model-minute-metrics.entity';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { startMetricsConsumer } from './metrics/metrics-consumer';
import { ObservabilityRequest } from './observability-request';
import { resolvers } from './resolvers';
import { createObservabilityServices, type ObservabilityDependencies } from './services';

export const observabilityModule: SubgraphModule = {
  name: 'observability',
  entities: [
    DriftPolicySchema,
    ConsumedEventSchema,
    AuditEventSchema,
    AuditEventTargetSchema,
    ModelMinuteMetricsSchema,
  ],
  migrations: { postgresql, sqlite },
  async create({ orm, config, logger, infrastructure, metrics }) {
    const dependencies: ObservabilityDependencies = {
      readinessUrls: Object.fromEntries(
        subgraphNames.map((name) => [name, readinessUrl(subgraphUrl(config, name))]),
      ),
      config,
      bus: infrastructure.bus,
    };
    // Each consumer of a stream (metrics, drift, audit) is added here and stopped with the subgraph.
    const consumers = new BackgroundConsumers(orm.em, logger);
    try {
      consumers.add(
        await startAuditConsumer(infrastructure.eventStream, orm.em, consumerName, logger, {
          retentionDays: config.audit.retentionDays,
        }),
      );
      consumers.add(
        await startMetricsConsumer({
          em: orm.em,
          stream: infrastructure.eventStream,
          bus: infrastructure.bus,
          logger,
          consumer: consumerName,
          consumed: predictionEventsConsumed(metrics.registry),
          retentionDays: config.modelMetrics.retentionDays,
        }),
      );
    } catch (error) {
      await consumers.stop();
      throw error;
    }
    return {
      name: 'observability',
      typeDefs: readSubgraphSchema('observability'),
      resolvers: resolvers as GraphQLResolverMap<ObservabilityContext>,
      readiness: {},
      createContext: (base): ObservabilityContext => ({
        ...base,
        ...createObservabilityServices(new ObservabilityRequest(orm, base.caller), dependencies),
      }),
      stopBackgroundWork: () => consumers.stop(),
    };
  },
};
