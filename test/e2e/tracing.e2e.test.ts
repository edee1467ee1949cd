import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientTraceparent } from '../../lib/tracing/__tests__/span-tree';
import { graphql } from '../support/graphql-client';
import { uniqueEmail } from '../support/harness/identity';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';
import {
  createClassificationModel,
  dataOf,
  eventually,
  IRIS_CSV,
  IRIS_FEATURES,
  registerUser,
  startTrainingJob,
  uploadDataset,
  waitForTrainingJob,
} from '../support/training-gateway';

/** A span as the collector received it (OTLP/HTTP JSON). */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: {
      spans: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpAttribute[];
      }[];
    }[];
  }[];
}

const attributesOf = (list: OtlpAttribute[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, value.stringValue ?? value.intValue]));

/** An OTLP/HTTP trace collector (JSON), as Jaeger or Tempo would be, keeping every span it receives. */
async function startCollector(): Promise<{ url: string; spans: ReceivedSpan[]; server: Server }> {
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = String(attributesOf(resource.attributes)['service.name']);
        for (const span of scopeSpans.flatMap((scope) => scope.spans)) {
          spans.push({
            ...span,
            service,
            parentSpanId: span.parentSpanId || undefined,
            attributes: attributesOf(span.attributes),
          });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, server };
}

function parentOf(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan | undefined {
  return spans.find((s) => s.spanId === span.parentSpanId);
}

function find(spans: ReceivedSpan[], service: string, name: string): ReceivedSpan {
  const found = spans.find((s) => s.service === service && s.name === name);
  if (!found)
    throw new Error(
      `no ${service} span ${name} among ${spans.map((s) => `${s.service}:${s.name}`).join(', ')}`,
    );
  return found;
}

describe('tracing on the production topology (every service its own process, OTLP export)', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let platform: ProductionTopology;

  beforeAll(async () => {
    collector = await startCollector();
    platform = await startProductionTopology({
      workers: 1,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, LOG_LEVEL: 'info' },
    });
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await new Promise((resolve) => collector?.server.close(resolve));
  });

  it('exports one trace from the gateway, registry and identity processes with their parent links', async () => {
    const url = platform.gatewayUrl;
    const user = await registerUser(url, uniqueEmail('otlp'), 'OTLP Org');
    await createClassificationModel(url, user, 'exported');
    const client = clientTraceparent();

    const answer = await graphql(
      url,
      '{ models { edges { node { owner { email } } } } }',
      {},
      {
        ...user.headers,
        traceparent: client.header,
      },
    );
    expect(answer.errors).toBeUndefined();

    // Services export in batches: wait for the three processes' spans of this trace to arrive.
    await eventually(() => {
      const spans = collector.spans.filter((s) => s.traceId === client.traceId);
      const gatewayRequest = find(spans, 'mlaas-gateway', 'POST /graphql');
      expect(gatewayRequest.parentSpanId).toBe(client.spanId);
      for (const service of ['mlaas-registry', 'mlaas-identity']) {
        const fetch = parentOf(find(spans, service, 'POST /graphql'), spans);
        expect(fetch).toMatchObject({ service: 'mlaas-gateway', name: 'gateway.fetch' });
      }
      expect(parentOf(find(spans, 'mlaas-identity', 'Query._entities'), spans)?.name).toBe('POST /graphql');
    }, 20_000);
  });

  it('continues a traced request’s trace in the training worker process, through the queue on Redis', async () => {
    const url = platform.gatewayUrl;
    const user = await registerUser(url, uniqueEmail('otlp-train'), 'OTLP Training Org');
    const modelId = await createClassificationModel(url, user, 'exported-training');
    const datasetId = await uploadDataset(url, user, 'exported-iris', IRIS_CSV);
    const client = clientTraceparent();

    const started = await startTrainingJob(
      url,
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
    await waitForTrainingJob(url, user, jobId, (job) => job.status === 'SUCCEEDED');

    await eventually(() => {
      const spans = collector.spans.filter((s) => s.traceId === client.traceId);
      const run = find(spans, 'mlaas-training-worker', 'training job');
      expect(run.attributes['mlaas.training_job.id']).toBe(jobId);
      expect(parentOf(run, spans)).toMatchObject({
        service: 'mlaas-registry',
        name: 'Mutation.startTrainingJob',
      });
    }, 20_000);
    const workerLines = platform.workers[0]
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.jobId === jobId);
    expect(workerLines.map((line) => line.msg)).toContain('training job started');
    expect(workerLines.every((line) => line.traceId === client.traceId)).toBe(true);
  }, 120_000);
});
