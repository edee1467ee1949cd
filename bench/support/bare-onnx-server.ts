/**
 * The limit the prediction bench measures the platform against: node:http, JSON.parse, one onnxruntime-node run
 * per request on the same ONNX file, JSON.stringify. No GraphQL, no caller check, no deployment lookup, no
 * batching. Runs in its own process, like the services (bench/predict.ts starts it).
 *
 *   MODEL_FILE=<file.onnx> LABELS=a,b,c PORT=<port> node --import tsx bench/support/bare-onnx-server.ts
 *
 * POST (any path) `{"features": [..]}` → `{"label": "b", "probabilities": [{"label": "a", "probability": 0.1}, ..]}`.
 * The model must take one float tensor [N, features] and give either a label tensor and a probability tensor
 * [N, classes] (skl2onnx's classifiers with zipmap=False) or only the probabilities (a PyTorch classifier ending in
 * softmax; the label is then the likeliest class, as the platform gives it): what the platform serves for this
 * file, without its generality.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { InferenceSession, Tensor } from 'onnxruntime-node';

const modelFile = required('MODEL_FILE');
const labels = required('LABELS').split(',');
const port = Number(required('PORT'));

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const session = await InferenceSession.create(modelFile);
  const [inputName] = session.inputNames;
  // One output: probabilities only; two: labels, then probabilities.
  const [labelName, probabilityName] =
    session.outputNames.length === 1 ? [undefined, session.outputNames[0]] : session.outputNames;
  const width = Number(
    (session.inputMetadata[0] as { shape?: readonly (number | string)[] }).shape?.[1] ?? Number.NaN,
  );
  if (!Number.isInteger(width)) throw new Error(`${modelFile}: the input is not a [N, features] tensor`);

  async function predict(features: number[]) {
    const input = new Tensor('float32', Float32Array.from(features), [1, width]);
    const outputs = await session.run({ [inputName]: input });
    const probabilities = outputs[probabilityName].data as Float32Array;
    const label = labelName
      ? String((outputs[labelName].data as readonly unknown[])[0])
      : labels[probabilities.indexOf(Math.max(...probabilities.subarray(0, labels.length)))];
    return {
      label,
      probabilities: labels.map((label, k) => ({ label, probability: probabilities[k] })),
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') return reply(response, 200, { ready: true });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let features: unknown;
    try {
      features = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { features?: unknown }).features;
    } catch {
      return reply(response, 400, { error: 'the body is not JSON' });
    }
    if (!Array.isArray(features) || features.length !== width || features.some((v) => typeof v !== 'number'))
      return reply(response, 400, { error: `features must be ${width} numbers` });
    reply(response, 200, await predict(features as number[]));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) =>
      reply(response, 500, { error: (error as Error).message }),
    );
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, '127.0.0.1', () => console.log(`bare onnx server listening on ${port}`));
  // Exit through `process.exit` on SIGTERM, so that `--cpu-prof` writes its profile.
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
