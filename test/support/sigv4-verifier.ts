import { timingSafeEqual } from 'node:crypto';
import { UNSIGNED_PAYLOAD, canonicalRequest, sign, type CredentialScope } from './sigv4';
import {
  Refusal,
  claimOf,
  headerMap,
  queryParams,
  refuse,
  single,
  type Claim,
  type S3Failure,
} from './sigv4-claim';

export type { S3Failure } from './sigv4-claim';

/**
 * Verifies the AWS Signature Version 4 of one request, header-signed or presigned, the way S3 and MinIO do:
 * known access key, credential scope, clock, signed headers, signature. Checking the body against a signed
 * payload hash is left to the caller (it has the body); the verdict says which hash to check.
 */

export interface SignedRequest {
  method: string;
  /** Path and query exactly as sent (Node's `req.url`). */
  url: string;
  /** Node's `req.rawHeaders`: name, value, name, value… */
  rawHeaders: readonly string[];
  /** The body's sha256, for services other than S3: they sign it without sending x-amz-content-sha256. */
  bodySha256?: string;
}

export interface VerifierOptions {
  /** The one access key the server knows. */
  accessKey: string;
  secretKey: string;
  /** @default 'us-east-1' */
  region?: string;
  /** @default 's3' */
  service?: string;
  /** The server's clock. @default () => new Date() */
  now?: () => Date;
}

export type Verdict = { ok: true; payloadHash: string } | { ok: false; failure: S3Failure };

/** S3 answers a request more than 15 minutes off its clock with RequestTimeTooSkewed. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export function verifySignature(request: SignedRequest, options: VerifierOptions): Verdict {
  try {
    return { ok: true, payloadHash: verifyOrThrow(request, options) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, failure: error.failure };
    throw error;
  }
}

function verifyOrThrow(request: SignedRequest, options: VerifierOptions): string {
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? '' : request.url.slice(queryAt + 1);
  const headers = headerMap(request.rawHeaders);
  const params = queryParams(rawQuery);
  const claim = claimOf(headers, params);
  if (headers.has('x-amz-security-token') || params.has('X-Amz-Security-Token'))
    refuse(403, 'InvalidToken', 'The provided token is malformed or otherwise invalid.');
  const scope = checkCredential(claim, options);
  checkClock(claim, options.now?.() ?? new Date());
  checkSignedHeaders(claim, headers);
  const payloadHash = payloadHashOf(claim, headers, request, options.service ?? 's3');
  const canonical = canonicalRequest({
    method: request.method,
    rawPath,
    rawQuery,
    excludedQuery: new Set(claim.mechanism === 'query' ? ['X-Amz-Signature'] : []),
    headers,
    signedHeaders: claim.signedHeaders,
    payloadHash,
  });
  if (canonical === undefined) refuse(400, 'InvalidURI', "Couldn't parse the specified URI.");
  const expected = sign(options.secretKey, scope, claim.amzDate, canonical);
  if (!sameHex(expected, claim.signature))
    refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    );
  return payloadHash;
}

function checkCredential(claim: Claim, options: VerifierOptions): CredentialScope {
  const malformed =
    claim.mechanism === 'header' ? 'AuthorizationHeaderMalformed' : 'AuthorizationQueryParametersError';
  const [accessKey, date, region, service, terminator, ...rest] = claim.credential.split('/');
  if (!terminator || rest.length)
    refuse(400, malformed, 'The credential is not <key>/<date>/<region>/<service>/aws4_request');
  if (accessKey !== options.accessKey)
    refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  const scope = { date, region: options.region ?? 'us-east-1', service: options.service ?? 's3' };
  if (date !== claim.amzDate.slice(0, 8))
    refuse(400, malformed, 'Invalid credential date. Date is not the same as X-Amz-Date.');
  if (region !== scope.region)
    refuse(400, malformed, `The region '${region}' is wrong; expecting '${scope.region}'`);
  if (service !== scope.service || terminator !== 'aws4_request')
    refuse(400, malformed, `The credential scope must end with ${scope.service}/aws4_request`);
  return scope;
}

function checkClock(claim: Claim, now: Date): void {
  const signedAt = parseAmzDate(claim.amzDate);
  if (signedAt === undefined)
    refuse(403, 'AccessDenied', 'X-Amz-Date must be an ISO 8601 basic date-time, e.g. 20150830T123600Z');
  const ahead = signedAt - now.getTime();
  if (claim.expiresSeconds === undefined) {
    if (Math.abs(ahead) > MAX_CLOCK_SKEW_MS)
      refuse(
        403,
        'RequestTimeTooSkewed',
        "The difference between the request time and the server's time is too large.",
      );
    return;
  }
  if (ahead > MAX_CLOCK_SKEW_MS) refuse(403, 'AccessDenied', 'Request is not valid yet');
  if (now.getTime() > signedAt + claim.expiresSeconds * 1000)
    refuse(403, 'AccessDenied', 'Request has expired');
}

/** The host must be signed, and so must every x-amz-* header sent: S3 would act on them. */
function checkSignedHeaders(claim: Claim, headers: Map<string, string[]>): void {
  const signed = new Set(claim.signedHeaders);
  if (!signed.has('host')) refuse(403, 'AccessDenied', 'The host header must be signed');
  const unsigned = [...headers.keys()].filter((name) => name.startsWith('x-amz-') && !signed.has(name));
  if (unsigned.length)
    refuse(
      403,
      'AccessDenied',
      `There were headers present in the request which were not signed: ${unsigned.join(', ')}`,
    );
}

function payloadHashOf(
  claim: Claim,
  headers: Map<string, string[]>,
  request: SignedRequest,
  service: string,
): string {
  if (claim.mechanism === 'query') return UNSIGNED_PAYLOAD;
  const claimed = single(headers, 'x-amz-content-sha256');
  if (claimed === undefined) {
    if (service !== 's3' && request.bodySha256) return request.bodySha256;
    return refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
  }
  if (claimed === UNSIGNED_PAYLOAD || /^[0-9a-f]{64}$/.test(claimed)) return claimed;
  if (claimed.startsWith('STREAMING-'))
    refuse(
      501,
      'NotImplemented',
      'Chunked (streaming) signatures are not verified here: sign the whole payload',
    );
  return refuse(400, 'InvalidArgument', 'x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a hex sha256');
}

function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return new Date(time).getUTCDate() === day ? time : undefined;
}

function sameHex(expected: string, given: string): boolean {
  return /^[0-9a-f]{64}$/.test(given) && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
