import type { RowPrediction } from '../../ml/onnx-runtime/serving-model';

/**
 * The contract between inference, which appends one event per predicted row, and observability, which consumes
 * them (metrics, drift windows). Here rather than in either subgraph, since both depend on it.
 */

/** The stream every predicted row goes to (`<REDIS_KEY_PREFIX>stream:predictions` in Redis). */
export const PREDICTION_STREAM = 'predictions';

/** One predicted row, as the observability services read it from the stream. */
export interface PredictionEvent {
  /** Unique per row: consumers apply an event at most once by it. */
  eventId: string;
  organizationId: string;
  modelId: string;
  versionId: string;
  deploymentId: string;
  /** The row by feature name. */
  features: Record<string, number | string | null>;
  /** Null when the row failed. */
  output: RowPrediction | null;
  latencyMs: number;
  cacheHit: boolean;
  /** Which cache level answered (MEMORY: the replica's own, REDIS: the shared one), null when none did. */
  cachedIn: 'MEMORY' | 'REDIS' | null;
  /** Why the prediction failed, null when it did not. */
  error: string | null;
  /** ISO 8601. */
  time: string;
}
