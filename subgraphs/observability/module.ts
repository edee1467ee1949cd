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
import { DriftAlertSchema } from './drift-alert/drift-alert.entity';
import { DriftReportSchema } from './drift/drift-report.entity';
import { DriftStateSchema } from './drift/drift-state.entity';
import { ReferenceSampleSchema } from './drift/reference-sample.entity';
import { DriftWindowRowSchema } from './drift/window-row.entity';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { startMetricsConsumer } from './metrics/metrics-consumer';
import { ObservabilityRequest } from './observability-request';
import { startRetrainDeployer } from './retrain/retrain-deployer';
import { startDriftConsumer } from './drift/drift-consumer';
import { DriftMetrics } from './drift/drift-metrics';
import { DriftReporter } from './drift/drift-reporter';
import type { DriftRuntime } from './drift/drift-runtime';
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
    ReferenceSampleSchema,
    DriftWindowRowSchema,
    DriftStateSchema,
    DriftReportSchema,
    DriftAlertSchema,
  ],
  migrations: { postgresql, sqlite },
  async create({ orm, config, logger, infrastructure, metrics }) {
    const drift: DriftRuntime = {
      config,
      orm,
      bus: infrastructure.bus,
      metrics: new DriftMetrics(metrics),
      logger,
    };
    const driftReporter = new DriftReporter(drift);
    const dependencies: ObservabilityDependencies = {
      readinessUrls: Object.fromEntries(
        subgraphNames.map((name) => [name, readinessUrl(subgraphUrl(config, name))]),
      ),
      config,
      bus: infrastructure.bus,
      drift,
      driftReporter,
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
      consumers.add(await startDriftConsumer(drift, infrastructure.eventStream, driftReporter));
    } catch (error) {
      await consumers.stop();
      throw error;
    }
    const retrainDeployer = startRetrainDeployer(drift);
    return {
      name: 'observability',
      typeDefs: readSubgraphSchema('observability'),
      resolvers: resolvers as GraphQLResolverMap<ObservabilityContext>,
      readiness: {},
      createContext: (base): ObservabilityContext => ({
        ...base,
        ...createObservabilityServices(new ObservabilityRequest(orm, base.caller), dependencies),
      }),
      stopBackgroundWork: async () => {
        await retrainDeployer.stop();
        await consumers.stop();
      },
    };
  },
};
