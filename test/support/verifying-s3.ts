import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { startEmbeddedS3, type EmbeddedS3 } from './embedded-s3';
import { sha256Hex, uriDecode } from './sigv4';
import { PRESIGN_PARAMS } from './sigv4-claim';
import { verifySignature, type S3Failure, type VerifierOptions } from './sigv4-verifier';
import { closeGracefully } from '../../lib/server/http-server';

export interface VerifyingS3Options {
  /** Where s3rver keeps buckets and objects as plain files. */
  directory: string;
  /**
   * Largest body whose signed sha256 is checked: such a body is held in memory until it is verified, so a
   * larger one is refused (EntityTooLarge). Unsigned payloads (presigned PUTs) stream through at any size.
   * @default 67_108_864 (64 MiB, MinioObjectStore's largest single PUT)
   */
  maxSignedPayloadBytes?: number;
  /** The server's clock, for expiry and clock skew. @default () => new Date() */
  now?: () => Date;
}

/** The front consumes a presigned URL's own parameters: s3rver would try to read them itself. */
const AUTH_PARAMS = new Set<string>(PRESIGN_PARAMS);

/**
 * An S3 server for tests that checks AWS Signature V4 on every request as S3 and MinIO do: an HTTP front on
 * loopback that verifies each request (header-signed or presigned, expiry included, a signed payload hash
 * against the body) and passes the good ones to s3rver, which checks nothing. Anonymous requests, listings
 * included, are refused. It knows one access key, made up at start.
 *
 * s3rver itself listens on another loopback port that only the front talks to.
 */
export async function startVerifyingS3(options: VerifyingS3Options): Promise<EmbeddedS3> {
  const backend = await startEmbeddedS3({ directory: options.directory });
  const verifier: VerifierOptions = {
    accessKey: `mlaas-test-${randomBytes(4).toString('hex')}`,
    secretKey: randomBytes(30).toString('base64url'),
    now: options.now,
  };
  const upstream = {
    port: Number(new URL(backend.endPoint).port),
    agent: new http.Agent({ keepAlive: true }),
  };
  const limit = options.maxSignedPayloadBytes ?? 64 * 1024 * 1024;
  const server = http.createServer((req, res) => {
    handle(req, res, verifier, limit, upstream).catch(() => answerFailure(req, res, internalError()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = async () => {
    await closeGracefully(server);
    upstream.agent.destroy();
    await backend.close();
  };
  return {
    endPoint: `http://127.0.0.1:${port}`,
    accessKey: verifier.accessKey,
    secretKey: verifier.secretKey,
    close: () => (closing ??= close()),
  };
}

interface Upstream {
  port: number;
  agent: http.Agent;
}

async function handle(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  verifier: VerifierOptions,
  limit: number,
  upstream: Upstream,
): Promise<void> {
  const verdict = verifySignature(
    { method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders },
    verifier,
  );
  if (!verdict.ok) return answerFailure(req, res, verdict.failure);
  if (!/^[0-9a-f]{64}$/.test(verdict.payloadHash)) return forward(req, res, upstream);
  const body = await readUpTo(req, limit);
  if (body === undefined)
    return answerFailure(req, res, {
      status: 400,
      code: 'EntityTooLarge',
      message: `Your proposed upload exceeds the maximum allowed size (${limit} bytes for a signed payload here)`,
    });
  if (sha256Hex(body) !== verdict.payloadHash)
    return answerFailure(req, res, {
      status: 400,
      code: 'XAmzContentSHA256Mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  return forward(req, res, upstream, body);
}

/** The whole body, or `undefined` as soon as it is known to be longer than `limit`. */
async function readUpTo(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** Passes a verified request to s3rver without its credentials (s3rver would check only the key's name). */
function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  upstream: Upstream,
  body?: Buffer,
): void {
  const headers = { ...req.headers };
  delete headers.authorization;
  delete headers.connection;
  const proxied = http.request(
    {
      host: '127.0.0.1',
      port: upstream.port,
      agent: upstream.agent,
      method: req.method,
      path: withoutAuthParams(req.url ?? '/'),
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      pipeline(answer, res, () => {});
    },
  );
  proxied.on('error', () => (res.headersSent ? res.destroy() : answerFailure(req, res, internalError())));
  if (body) proxied.end(body);
  else pipeline(req, proxied, () => {});
}

function withoutAuthParams(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return url;
  const kept = url
    .slice(queryAt + 1)
    .split('&')
    .filter((part) => !AUTH_PARAMS.has(uriDecode(part.split('=')[0], true) ?? ''));
  return kept.length ? `${url.slice(0, queryAt)}?${kept.join('&')}` : url.slice(0, queryAt);
}

/**
 * An S3 error document; the connection closes, since the refused request's body may still be arriving. It names
 * no resource (S3 would): a refusal tells the caller nothing about the key it probed, as the embedded store's.
 */
function answerFailure(req: http.IncomingMessage, res: http.ServerResponse, failure: S3Failure): void {
  if (res.headersSent) return void res.destroy();
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${failure.code}</Code><Message>${escapeXml(failure.message)}</Message>` +
    `<RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`;
  res.writeHead(failure.status, {
    'content-type': 'application/xml',
    'content-length': req.method === 'HEAD' ? 0 : Buffer.byteLength(xml),
    connection: 'close',
  });
  res.end(req.method === 'HEAD' ? undefined : xml);
}

function internalError(): S3Failure {
  return {
    status: 500,
    code: 'InternalError',
    message: 'We encountered an internal error. Please try again.',
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
