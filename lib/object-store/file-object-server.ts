import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../logger';
import type { FileObjectStore } from './file-object-store';
import { NoSuchBucketError, NoSuchObjectError, ObjectTooLargeError } from './object-errors';
import { InvalidObjectNameError } from './object-names';
import { readClaimedGrant, type ObjectGrant, type ObjectUrlSigner } from './signed-object-url';

export interface FileObjectServerOptions {
  store: FileObjectStore;
  signer: ObjectUrlSigner;
  logger: Logger;
  /**
   * Clock for URL expiry, in milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** How long a refused upload's connection still takes (and drops) bytes, so its client reads the answer. */
const LINGER_MS = 1_000;
/** A file name we can put in Content-Disposition without quoting rules: anything else downloads unnamed. */
const PLAIN_FILE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Serves the store's signed URLs and nothing else: GET and PUT of `/<bucket>/<key>` whose signature verifies and
 * has not expired. No listing, no anonymous access, no DELETE. Answers to refused requests are S3's XML errors and
 * never repeat the key or the signature.
 */
export function fileObjectRequestHandler(options: FileObjectServerOptions): Handler {
  const now = options.now ?? Date.now;
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const method = request.method;
    if (method !== 'GET' && method !== 'PUT') {
      response.setHeader('Allow', 'GET, PUT');
      return refuse(
        request,
        response,
        405,
        'MethodNotAllowed',
        'Only signed GET and PUT requests are served',
      );
    }
    const claim = readClaimedGrant(method, request.url ?? '');
    if (!claim) return refuse(request, response, 403, 'AccessDenied', 'A signed URL is required');
    if (!options.signer.verify(claim)) {
      return refuse(request, response, 403, 'SignatureDoesNotMatch', 'The request signature does not match');
    }
    if (claim.grant.expires * 1000 <= now()) {
      return refuse(request, response, 403, 'AccessDenied', 'Request has expired');
    }
    return method === 'GET'
      ? download(options.store, claim.grant, response)
      : upload(options.store, claim.grant, request, response);
  };
  return (request, response) => {
    serve(request, response).catch((error: unknown) =>
      answerFailure(options.logger, request, response, error),
    );
  };
}

async function download(store: FileObjectStore, grant: ObjectGrant, response: ServerResponse): Promise<void> {
  const object = await store.openObject(grant.bucket, grant.key);
  const name = grant.key.slice(grant.key.lastIndexOf('/') + 1);
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': object.size,
    'Content-Disposition': PLAIN_FILE_NAME.test(name) ? `attachment; filename="${name}"` : 'attachment',
    'Last-Modified': object.lastModified.toUTCString(),
    // A signed link is one caller's: no shared cache keeps it, and a browser opening it runs nothing.
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  await pipeline(object.body, response);
}

async function upload(
  store: FileObjectStore,
  grant: ObjectGrant,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const declared = request.headers['content-length'];
  if (grant.maxBytes !== undefined && declared !== undefined && Number(declared) > grant.maxBytes) {
    return refuse(request, response, 413, 'EntityTooLarge', 'The upload is larger than this URL allows');
  }
  // Only now does a client that waits for it (Expect: 100-continue, as curl does for large files) send the body.
  if (/100-continue/i.test(request.headers.expect ?? '')) response.writeContinue();
  // Chunked bodies declare no length: the store counts while streaming and stops at the limit.
  const { etag } = await store.writeObject(grant.bucket, grant.key, bodyOf(request), grant.maxBytes);
  response.writeHead(200, { ETag: `"${etag}"`, 'Content-Length': 0 });
  response.end();
}

/**
 * The request's body as a stream of its own: a failed write destroys it but leaves the request (and its socket)
 * alone, so the client still gets the answer; a client that goes away mid-body fails it, so nothing is stored.
 */
function bodyOf(request: IncomingMessage): Readable {
  const body = new PassThrough();
  request.pipe(body);
  request.once('error', (error) => body.destroy(error));
  request.once('close', () => {
    if (!request.complete) body.destroy(new Error('the client closed the upload before its end'));
  });
  return body;
}

function answerFailure(logger: Logger, request: IncomingMessage, response: ServerResponse, error: unknown) {
  if (error instanceof ObjectTooLargeError) {
    return refuse(request, response, 413, 'EntityTooLarge', 'The upload is larger than this URL allows');
  }
  if (error instanceof NoSuchObjectError) {
    return refuse(request, response, 404, 'NoSuchKey', 'The specified key does not exist');
  }
  if (error instanceof NoSuchBucketError) {
    return refuse(request, response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
  }
  if (error instanceof InvalidObjectNameError)
    return refuse(request, response, 400, 'InvalidURI', error.message);
  // The client went away mid-body or mid-download: nothing was stored, and nobody is left to answer.
  if (request.socket.destroyed || response.destroyed) return response.destroy();
  logger.error({ err: error, method: request.method }, 'object store request failed');
  return refuse(request, response, 500, 'InternalError', 'We encountered an internal error');
}

/**
 * Answers with S3's XML error. A request whose body was not read gets `Connection: close` and its connection is
 * dropped shortly after the answer, so a refused upload is not read to its end.
 */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  const unread = hasUnreadBody(request);
  response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': Buffer.byteLength(body),
    ...(unread ? { Connection: 'close' } : {}),
  });
  if (unread) request.resume(); // drop what is still coming while the client reads the answer
  response.end(body, () => {
    if (unread) setTimeout(() => request.socket.destroy(), LINGER_MS).unref();
  });
}

/** A body still (partly) on its way: one was announced and has not been read to its end. */
function hasUnreadBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  const announced =
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  return announced && !request.complete;
}
