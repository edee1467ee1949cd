import { resolveHyperparameters } from '../../../../ml/training/hyperparameters';
import { decodeJobSnapshot, encodeJobSnapshot } from '../training-job-snapshot';
import { TrainingJob } from '../training-job.entity';

function runningJob(): TrainingJob {
  return Object.assign(new TrainingJob(), {
    organizationId: 'b5f0c4de-5d3c-4c1e-9a57-1f4b2d1f6a01',
    ownerId: 'b5f0c4de-5d3c-4c1e-9a57-1f4b2d1f6a02',
    modelId: 'b5f0c4de-5d3c-4c1e-9a57-1f4b2d1f6a03',
    datasetId: 'b5f0c4de-5d3c-4c1e-9a57-1f4b2d1f6a04',
    algorithm: 'MLP_CLASSIFIER',
    status: 'RUNNING',
    targetColumn: 'species',
    features: [{ name: 'petal_length', type: 'NUMBER' }],
    hyperparameters: resolveHyperparameters({ epochs: 10 }),
    totalEpochs: 10,
    epoch: 3,
    progress: 0.3,
    attempt: 1,
    revision: 5,
    startedAt: new Date('2026-01-02T03:04:05.678Z'),
  });
}

describe('a training job on the bus', () => {
  it('travels as JSON and comes back with the fields and dates a subscriber reads', () => {
    const job = runningJob();
    const wire = JSON.parse(JSON.stringify(encodeJobSnapshot(job)));
    expect(wire.startedAt).toBe('2026-01-02T03:04:05.678Z');
    const { organizationId: _organization, ...view } = job;
    expect(decodeJobSnapshot(wire)).toEqual(view);
  });

  it('carries nothing of the row a subscriber does not read (its organization)', () => {
    expect(encodeJobSnapshot(runningJob())).not.toHaveProperty('organizationId');
  });
});
