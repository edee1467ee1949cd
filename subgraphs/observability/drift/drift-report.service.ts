import DataLoader from 'dataloader';
import { isUuid } from '../../../lib/ids';
import { readPage, newestFirst, type Page, type PageArguments } from '../../../lib/keyset-page';
import { findNewestFirst } from '../../../lib/keyset-query';
import type { ObservabilityRequest } from '../observability-request';
import { busStream } from './bus-stream';
import { DriftReport } from './drift-report.entity';
import { DriftState } from './drift-state.entity';
import type { DriftReporter } from './drift-reporter';
import type { DriftRuntime } from './drift-runtime';
import { driftReportTopic, type DriftReportMessage } from './drift-topics';
import { PlatformClient } from './platform-client';

export type DriftReportPage = Page<DriftReport>;

/** Drift reports of the caller's organization. */
export class DriftReportService {
  private readonly byId = new DataLoader<string, DriftReport | null>(async (ids) => {
    const rows = await this.request.em().find(DriftReport, { id: { $in: ids.filter(isUuid) } });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  /** Through the models' state rows (not organization-filtered: confined to the caller's organization here). */
  private readonly latestByModel = new DataLoader<string, DriftReport | null>(async (modelIds) => {
    const states = await this.request
      .em()
      .find(
        DriftState,
        { modelId: { $in: modelIds.filter(isUuid) }, organizationId: this.request.user().organizationId },
        { fields: ['modelId', 'latestReportId'] },
      );
    const reportIds = new Map(states.map((state) => [state.modelId, state.latestReportId]));
    return Promise.all(modelIds.map((id) => (reportIds.get(id) ? this.get(reportIds.get(id)!) : null)));
  });

  constructor(
    private readonly request: ObservabilityRequest,
    private readonly runtime: DriftRuntime,
    private readonly reporter: DriftReporter,
  ) {}

  get(id: string): Promise<DriftReport | null> {
    return this.byId.load(id);
  }

  /** The model's newest report; null before its first (and for another organization's model). */
  latest(modelId: string): Promise<DriftReport | null> {
    return this.latestByModel.load(modelId);
  }

  page(modelId: string, args: PageArguments): Promise<DriftReportPage> {
    const em = this.request.em();
    return readPage(
      args,
      newestFirst,
      {
        findPage: (limit, after) => findNewestFirst(em, DriftReport, { modelId }, limit, after),
        count: () => em.count(DriftReport, { modelId }),
      },
      this.byId,
    );
  }

  /** computeDrift: MEMBER and up, a model of the caller's organization (else NOT_FOUND). */
  async compute(modelId: string): Promise<DriftReport> {
    const caller = this.request.writer('drift reports');
    await new PlatformClient(this.runtime.config, caller).model(modelId);
    return this.reporter.report(caller, modelId);
  }

  /** modelDriftUpdated: NOT_FOUND unless the model is the caller's organization's. */
  async updates(modelId: string): Promise<AsyncIterableIterator<DriftReport>> {
    await new PlatformClient(this.runtime.config, this.request.user()).model(modelId);
    return busStream<DriftReportMessage, DriftReport>(
      this.runtime.bus,
      driftReportTopic(modelId),
      (message) =>
        this.request.em().findOne(DriftReport, { id: message.reportId, modelId }, { refresh: true }),
    );
  }
}
