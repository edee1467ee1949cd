import type { ObservabilityRequest } from '../observability-request';
import type { DriftRuntime } from './drift-runtime';
import { PlatformClient } from './platform-client';
import { ReferenceSamples } from './reference-samples';

/** setReferenceDataset: the reference sample of a version of the caller's organization. */
export class ReferenceService {
  constructor(
    private readonly request: ObservabilityRequest,
    private readonly runtime: DriftRuntime,
  ) {}

  /** MEMBER and up; NOT_FOUND for a version or dataset of another organization (the registry says so). */
  async setFromDataset(versionId: string, datasetId: string): Promise<boolean> {
    const caller = this.request.writer('reference samples');
    const platform = new PlatformClient(this.runtime.config, caller);
    await new ReferenceSamples(this.request.em(), platform).setFromDataset(versionId, datasetId);
    return true;
  }
}
