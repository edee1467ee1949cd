import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { subgraphNames, subgraphUrl } from '../../lib/config';
import { readSubgraphSchema } from '../../lib/paths';
import { readinessUrl } from '../../lib/server/health';
import type { SubgraphModule } from '../../lib/subgraph-module';
import type { ObservabilityContext } from './context';
import { BackgroundConsumers } from './consumption/background-consumers';
import { ConsumedEventSchema } from './consumption/consumed-event.entity';
import { DriftAlertSchema } from './drift-alert/drift-alert.entity';
import { DriftPolicySchema } from './drift-policy/drift-policy.entity';
import { DriftReportSchema } from './drift/drift-report.entity';
import { DriftStateSchema } from './drift/drift-state.entity';
import { ReferenceSampleSchema } from './drift/reference-sample.entity';
import { DriftWindowRowSchema } from './drift/window-row.entity';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
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
      drift,
      driftReporter,
    };
    // Each consumer of a stream (metrics, drift, audit) is added here and stopped with the subgraph.
    const consumers = new BackgroundConsumers(orm.em, logger);
    consumers.add(await startDriftConsumer(drift, infrastructure.eventStream, driftReporter));
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
