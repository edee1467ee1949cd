import { SIGV4_ALGORITHM, uriDecode } from './sigv4';

/**
 * What a SigV4 request claims about its own signature, read from its Authorization header or its presigned query,
 * and the S3 errors a malformed claim gets.
 */

/** An S3 error answer: HTTP status, S3 error code, message. */
export interface S3Failure {
  status: number;
  code: string;
  message: string;
}

export class Refusal extends Error {
  constructor(readonly failure: S3Failure) {
    super(failure.message);
  }
}

export function refuse(status: number, code: string, message: string): never {
  throw new Refusal({ status, code, message });
}

/** What a request claims about its own signature. */
export interface Claim {
  mechanism: 'header' | 'query';
  credential: string;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
  /** Presigned URLs only: seconds after amzDate the URL stops working. */
  expiresSeconds?: number;
}

/** Presigned URLs live at most 7 days. */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
/** The query parameters that make a URL presigned. */
export const PRESIGN_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
] as const;

export function claimOf(headers: Map<string, string[]>, params: Map<string, string[]>): Claim {
  const byHeader = headers.has('authorization');
  const byQuery = PRESIGN_PARAMS.some((name) => params.has(name));
  if (byHeader && byQuery)
    refuse(
      400,
      'InvalidArgument',
      'Only one auth mechanism allowed; the X-Amz-Algorithm query parameter or the Authorization header.',
    );
  if (byHeader) return headerClaim(headers);
  if (byQuery) return queryClaim(params);
  return refuse(403, 'AccessDenied', 'Access Denied');
}

function headerClaim(headers: Map<string, string[]>): Claim {
  const authorization = headers.get('authorization')!.join(',');
  const space = authorization.indexOf(' ');
  if (authorization.slice(0, space) !== SIGV4_ALGORITHM)
    refuse(400, 'InvalidArgument', 'Unsupported Authorization Type: only AWS4-HMAC-SHA256 is accepted');
  const fields = new Map<string, string>();
  for (const field of authorization.slice(space + 1).split(',')) {
    const eq = field.indexOf('=');
    fields.set(field.slice(0, eq).trim(), field.slice(eq + 1).trim());
  }
  const [credential, signedHeaders, signature] = ['Credential', 'SignedHeaders', 'Signature'].map((name) =>
    fields.get(name),
  );
  if (fields.size !== 3 || !credential || !signedHeaders || !signature)
    refuse(
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header requires Credential, SignedHeaders and Signature.',
    );
  const amzDate = single(headers, 'x-amz-date');
  if (!amzDate) refuse(403, 'AccessDenied', 'AWS authentication requires a valid x-amz-date header');
  return { mechanism: 'header', credential, signedHeaders: signedHeaders.split(';'), signature, amzDate };
}

function queryClaim(params: Map<string, string[]>): Claim {
  const [algorithm, credential, amzDate, expires, signedHeaders, signature] = PRESIGN_PARAMS.map((name) =>
    params.get(name)?.length === 1 ? params.get(name)![0] : undefined,
  );
  if (!algorithm || !credential || !amzDate || !expires || !signedHeaders || !signature)
    refuse(
      400,
      'AuthorizationQueryParametersError',
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters, once each.',
    );
  if (algorithm !== SIGV4_ALGORITHM)
    refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const expiresSeconds = /^\d{1,7}$/.test(expires) ? Number(expires) : NaN;
  if (!(expiresSeconds >= 1 && expiresSeconds <= MAX_EXPIRES_SECONDS))
    refuse(
      400,
      'AuthorizationQueryParametersError',
      'X-Amz-Expires must be from 1 to 604800 seconds (a week)',
    );
  return {
    mechanism: 'query',
    credential,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    expiresSeconds,
  };
}

/** Lowercase header name → every value it was sent with, in order. */
export function headerMap(rawHeaders: readonly string[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), rawHeaders[i + 1]]);
  }
  return headers;
}

/** Decoded query parameter name → its decoded values (a malformed one is kept raw: the signature fails later). */
export function queryParams(rawQuery: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const name = uriDecode(rawName, true) ?? rawName;
    params.set(name, [...(params.get(name) ?? []), uriDecode(rawValue, true) ?? rawValue]);
  }
  return params;
}

export function single(headers: Map<string, string[]>, name: string): string | undefined {
  const values = headers.get(name);
  return values?.length === 1 ? values[0].trim() : undefined;
}
