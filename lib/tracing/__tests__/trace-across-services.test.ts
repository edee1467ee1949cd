/** @jest-environment ./test/onnxruntime-environment.ts */
import { Writable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../../logger';
import { usePlatform } from '../../../test/support/harness/platform';
import {
  connectSocket,
  createClassificationModel,
  dataOf,
  eventually,
  observe,
  IRIS_CSV,
  IRIS_FEATURES,
  registerUser,
  startTrainingJob,
  uploadDataset,
  waitForTrainingJob,
} from '../../../test/support/training-gateway';
import { graphql } from '../../../test/support/graphql-client';
import { uniqueEmail } from '../../../test/support/harness/identity';
import { startWorker } from '../../../test/support/harness/training-job';
import { startTracing, stopTracing } from '../tracing';
import { ancestry, clientTraceparent, onlySpan, parentIdOf, serviceOf, spansOfTrace } from './span-tree';

const exporter = new InMemorySpanExporter();
// Before the platform starts: routes and schemas decide when they are made whether to trace.
beforeAll(() => {
  startTracing({ spanProcessor: () => new SimpleSpanProcessor(exporter) });
});
afterAll(() => stopTracing());

describe('one trace across the gateway, the subgraphs, the queue and the worker', () => {
  const platform = usePlatform();

  it('spans the gateway, the registry and identity for `models { owner { email } }`', async () => {
    const url = platform().gateway.url;
    const user = await registerUser(url, uniqueEmail('tracer'), 'Tracing Org');
    await createClassificationModel(url, user, 'traced-model');
    const client = clientTraceparent();

    const answer = await graphql<{ models: { edges: { node: { owner: { email: string } } }[] } }>(
      url,
      '{ models { edges { node { name owner { email } } } } }',
      {},
      { ...user.headers, traceparent: client.header },
    );

    expect(dataOf(answer).models.edges.map((e) => e.node.owner.email)).toEqual([user.email]);
    const spans = spansOfTrace(exporter, client.traceId);
    const gatewayRequest = onlySpan(spans, (s) => serviceOf(s) === 'gateway' && s.name === 'POST /graphql');
    expect(parentIdOf(gatewayRequest)).toBe(client.spanId);
    for (const subgraph of ['registry', 'identity']) {
      const request = onlySpan(spans, (s) => serviceOf(s) === subgraph && s.name === 'POST /graphql');
      const fetch = ancestry(request, spans)[0];
      // @apollo/gateway's own span for the fetch, in the gateway request's subtree.
      expect(fetch.name).toBe('gateway.fetch');
      expect(fetch.attributes.service).toBe(subgraph);
      expect(ancestry(fetch, spans)).toContain(gatewayRequest);
    }
    const modelsField = onlySpan(spans, (s) => serviceOf(s) === 'registry' && s.name === 'Query.models');
    const entities = onlySpan(spans, (s) => serviceOf(s) === 'identity' && s.name === 'Query._entities');
    for (const field of [modelsField, entities]) {
      expect(ancestry(field, spans)[0].name).toBe('POST /graphql');
      const sql = spans.filter((s) => s.kind === SpanKind.CLIENT && ancestry(s, spans)[0] === field);
      expect(sql.length).toBeGreaterThan(0);
      expect(sql.every((s) => serviceOf(s) === serviceOf(field))).toBe(true);
    }
    // The SQL reading the owners shows the statement with its placeholders, never the ids it was given.
    const ownerSql = spans
      .filter((s) => ancestry(s, spans)[0] === entities)
      .map((s) => s.attributes['db.query.text']);
    expect(ownerSql.join('\n')).toMatch(/\$1|\?/);
    expect(ownerSql.join('\n')).not.toContain(user.email);
  });

  it('runs a job queued by a traced request in the same trace, and its log lines carry the trace id', async () => {
    const { registry, gateway } = platform();
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const worker = await startWorker(registry, createLogger('worker-test', 'info', sink));
    try {
      const user = await registerUser(gateway.url, uniqueEmail('trainer'), 'Training Org');
      const modelId = await createClassificationModel(gateway.url, user, 'traced-training');
      const datasetId = await uploadDataset(gateway.url, user, 'traced-iris', IRIS_CSV);
      const client = clientTraceparent();

      const started = await startTrainingJob(
        gateway.url,
        { ...user, headers: { ...user.headers, traceparent: client.header } },
        {
          modelId,
          datasetId,
          targetColumn: 'target',
          featureColumns: IRIS_FEATURES,
          algorithm: 'LOGISTIC_REGRESSION',
          hyperparameters: { epochs: 3 },
        },
      );
      const jobId = dataOf(started).startTrainingJob.id;
      await waitForTrainingJob(gateway.url, user, jobId, (job) => job.status === 'SUCCEEDED');

      const spans = spansOfTrace(exporter, client.traceId);
      const run = onlySpan(spans, (s) => serviceOf(s) === 'training-worker' && s.name === 'training job');
      expect(run.attributes['mlaas.training_job.id']).toBe(jobId);
      const mutation = onlySpan(
        spans,
        (s) => serviceOf(s) === 'registry' && s.name === 'Mutation.startTrainingJob',
      );
      // Queued inside the mutation's resolver: the run is its child, through the queue.
      expect(ancestry(run, spans)[0]).toBe(mutation);
      expect(spans.some((s) => s.kind === SpanKind.CLIENT && ancestry(s, spans).includes(run))).toBe(true);
      const jobLines = lines.filter((line) => line.jobId === jobId);
      expect(jobLines.map((line) => line.msg)).toContain('training job started');
      expect(jobLines.every((line) => line.traceId === client.traceId)).toBe(true);
    } finally {
      await worker.stop();
    }
  }, 90_000);

  it('resolves each subscription event in a trace whose entity fetches reach identity', async () => {
    const { gateway } = platform();
    const user = await registerUser(gateway.url, uniqueEmail('watcher'), 'Watching Org');
    const started = await startTrainingJob(gateway.url, user, {
      modelId: await createClassificationModel(gateway.url, user, 'watched'),
      datasetId: await uploadDataset(gateway.url, user, 'watched-iris', IRIS_CSV),
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
    });
    const socket = connectSocket(gateway.url, user);
    try {
      // The subscription answers the job as it is first: one event for the gateway to resolve.
      const watched = observe<{ trainingJobUpdated: { job: { model: { owner: { email: string } } } } }>(
        socket,
        'subscription WatchJob($id: ID!) { trainingJobUpdated(jobId: $id) { job { model { owner { email } } } } }',
        { id: dataOf(started).startTrainingJob.id },
      );
      await eventually(() => expect(watched.results.length).toBeGreaterThan(0), 10_000);
      expect(watched.results[0].data?.trainingJobUpdated.job.model.owner.email).toBe(user.email);

      const event = exporter.getFinishedSpans().find((s) => s.name === 'subscription event WatchJob')!;
      expect(event.parentSpanContext).toBeUndefined();
      const spans = spansOfTrace(exporter, event.spanContext().traceId);
      const identityRequest = onlySpan(
        spans,
        (s) => serviceOf(s) === 'identity' && s.name === 'POST /graphql',
      );
      expect(ancestry(identityRequest, spans)[0].name).toBe('gateway.fetch');
      expect(ancestry(identityRequest, spans)).toContain(event);
    } finally {
      await socket.dispose();
    }
  });
});
