import type { EventBus } from '../../../lib/bus/event-bus';
import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Logger } from '../../../lib/logger';
import type { ModelSessions, ServedDeployment } from './model-sessions';
import type { ReadyDeployments } from './ready-deployments';

/**
 * How the inference replicas keep their loaded models in step: a deployment that became READY on one replica is
 * loaded by every other one at once (not on its first prediction), and a STOPPED one is released everywhere.
 * Every event also makes the replica forget the READY deployments it remembers (ReadyDeployments), so the next
 * prediction reads the database. Delivery is at most once: a replica that misses an event still loads lazily, and
 * predicts with a replaced or stopped deployment for ReadyDeployments' maxAgeMs at most (2 s), keeping its memory.
 */
export const DEPLOYMENTS_TOPIC = 'inference-deployments';

export type DeploymentEvent =
  /** `caller` deployed it; the other replicas ask the registry for the file on their behalf, as they would have. */
  | { kind: 'ready'; deployment: ServedDeployment; caller: AuthenticatedCaller }
  | { kind: 'stopped'; deploymentIds: string[] };

/** Announces a committed change; a failed publish is logged and never undoes it (replicas then load lazily). */
export async function publishDeploymentEvent(
  bus: EventBus,
  event: DeploymentEvent,
  logger: Logger,
): Promise<void> {
  try {
    await bus.publish(DEPLOYMENTS_TOPIC, event);
  } catch (error) {
    logger.warn({ err: error, event: event.kind }, 'could not announce a deployment change to the replicas');
  }
}

/** Applies the events of every replica (this one's included, which find the work done) until stopped. */
export async function followDeploymentEvents(
  bus: EventBus,
  sessions: ModelSessions,
  ready: ReadyDeployments,
  logger: Logger,
): Promise<{ stop(): Promise<void> }> {
  const abort = new AbortController();
  const events = await bus.subscribe<DeploymentEvent>(DEPLOYMENTS_TOPIC, abort.signal);
  const done = (async () => {
    for await (const event of events) {
      // Before a stopped deployment is released: a prediction that follows reads its successor.
      ready.forgetAll();
      await apply(event, sessions, logger);
    }
  })().catch((error: unknown) => logger.error({ err: error }, 'stopped following deployment events'));
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}

async function apply(event: DeploymentEvent, sessions: ModelSessions, logger: Logger): Promise<void> {
  if (event.kind === 'stopped') {
    await Promise.all(event.deploymentIds.map((id) => sessions.release(id)));
    return;
  }
  if (sessions.has(event.deployment.id)) return;
  // Not awaited: one slow download must not hold up the events behind it.
  sessions.load(event.deployment, event.caller).catch((error: unknown) => {
    logger.warn({ err: error, deploymentId: event.deployment.id }, 'could not load a deployed model');
  });
}
