import { isUuid } from '../../../lib/ids';
import { newestFirst, readPage, type Page, type PageArguments } from '../../../lib/keyset-page';
import { findNewestFirst } from '../../../lib/keyset-query';
import { busStream } from '../drift/bus-stream';
import type { DriftRuntime } from '../drift/drift-runtime';
import { driftAlertTopic, type DriftAlertMessage } from '../drift/drift-topics';
import { PlatformClient } from '../drift/platform-client';
import type { ObservabilityRequest } from '../observability-request';
import { DriftAlert } from './drift-alert.entity';

export type DriftAlertPage = Page<DriftAlert>;

/** Drift alerts of the caller's organization. */
export class DriftAlertService {
  constructor(
    private readonly request: ObservabilityRequest,
    private readonly runtime: DriftRuntime,
  ) {}

  async get(id: string): Promise<DriftAlert | null> {
    return isUuid(id) ? this.request.em().findOne(DriftAlert, { id }) : null;
  }

  page(modelId: string, args: PageArguments): Promise<DriftAlertPage> {
    const em = this.request.em();
    return readPage(args, newestFirst, {
      findPage: (limit, after) => findNewestFirst(em, DriftAlert, { modelId }, limit, after),
      count: () => em.count(DriftAlert, { modelId }),
    });
  }

  /**
   * driftAlerts: the alerts of one model (NOT_FOUND unless it is the caller's organization's), or of every model
   * of the organization. The topic is the organization's, so another organization's alerts never reach it.
   */
  async updates(modelId?: string | null): Promise<AsyncIterableIterator<DriftAlert>> {
    const caller = this.request.user();
    if (modelId) await new PlatformClient(this.runtime.config, caller).model(modelId);
    const topic = driftAlertTopic(caller.organizationId);
    return busStream<DriftAlertMessage, DriftAlert>(this.runtime.bus, topic, async (message) => {
      if (modelId && message.modelId !== modelId) return null;
      return this.request.em().findOne(DriftAlert, { id: message.alertId }, { refresh: true });
    });
  }
}
