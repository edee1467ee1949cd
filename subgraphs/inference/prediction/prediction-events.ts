import { PREDICTION_STREAM, type PredictionEvent } from '../../../lib/stream/prediction-stream';
import { StreamAppendQueue, type StreamAppendQueueOptions } from '../../../lib/stream/stream-append-queue';

export { PREDICTION_STREAM, type PredictionEvent } from '../../../lib/stream/prediction-stream';

export interface PredictionEventQueueOptions extends Omit<StreamAppendQueueOptions, 'streamName' | 'label'> {
  /** Entries the stream keeps at least (PREDICTION_STREAM_MAXLEN). */
  streamMaxLength: number;
  /** Events waiting at most (PREDICTION_EVENTS_QUEUE_MAX); more are dropped. */
  queueMax: number;
}

/** The predicted rows on their way to PREDICTION_STREAM, never making a prediction wait (StreamAppendQueue). */
export class PredictionEventQueue extends StreamAppendQueue<PredictionEvent> {
  constructor(options: PredictionEventQueueOptions) {
    super({ ...options, streamName: PREDICTION_STREAM, label: 'prediction events' });
  }
}
