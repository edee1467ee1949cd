import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4, the parts a signer and a verifier share: the canonical request, the string to sign and
 * the signing key, as the AWS spec defines them ("Create a canonical request for Signature Version 4") with S3's
 * rule for paths (encoded once, never normalised).
 */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** The payload hash of presigned URLs, and of header-signed requests that chose not to hash their body. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const EMPTY_SHA256 = sha256Hex('');

/** The credential scope: `<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  /** `YYYYMMDD`, the day of the request's `X-Amz-Date`. */
  date: string;
  region: string;
  service: string;
}

export interface CanonicalRequestParts {
  method: string;
  /** The path as it was sent, still percent-encoded. */
  rawPath: string;
  /** The query as it was sent, without the `?`, still percent-encoded. */
  rawQuery: string;
  /** Query parameters left out of the canonical query (the presigned URL's own `X-Amz-Signature`). */
  excludedQuery?: ReadonlySet<string>;
  /** Every value each header was sent with, by lowercase name. */
  headers: ReadonlyMap<string, readonly string[]>;
  /** The lowercase names the signature covers, as the request lists them. */
  signedHeaders: readonly string[];
  /** Hex sha256 of the body, or UNSIGNED_PAYLOAD. */
  payloadHash: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 encoding of every byte but the unreserved characters, with uppercase hex, as SigV4 requires. */
export function uriEncode(value: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/')) out += char;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decodes a percent-encoded URL component; `undefined` when it is malformed (a lone `%`, invalid UTF-8). */
export function uriDecode(value: string, plusIsSpace = false): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? value.replace(/\+/g, ' ') : value);
  } catch {
    return undefined;
  }
}

/**
 * The canonical URI of an S3 request: the decoded path encoded once, slashes kept (MinIO's rule: `a%2Fb` and
 * `a/b` name the same key, so they sign the same). No `.`/`..` resolution: S3 keys may contain them.
 */
export function canonicalUri(rawPath: string): string | undefined {
  const decoded = uriDecode(rawPath);
  return decoded === undefined ? undefined : uriEncode(decoded || '/', true);
}

/**
 * The canonical query: every parameter decoded (a `+` is a space, as servers read it), re-encoded, sorted by
 * name then value; a parameter without `=` has an empty value.
 */
export function canonicalQuery(
  rawQuery: string,
  excluded: ReadonlySet<string> = new Set(),
): string | undefined {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = uriDecode(eq < 0 ? part : part.slice(0, eq), true);
    const value = uriDecode(eq < 0 ? '' : part.slice(eq + 1), true);
    if (name === undefined || value === undefined) return undefined;
    if (!excluded.has(name)) pairs.push([uriEncode(name), uriEncode(value)]);
  }
  pairs.sort(([a, x], [b, y]) => compare(a, b) || compare(x, y));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** One line per signed header: `name:values`, each value trimmed with inner runs of spaces made one. */
export function canonicalHeaders(
  headers: ReadonlyMap<string, readonly string[]>,
  signedHeaders: readonly string[],
): string {
  return signedHeaders
    .map((name) => {
      const values = (headers.get(name) ?? []).map((value) => value.trim().replace(/ +/g, ' '));
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
}

/** The canonical request, or `undefined` when the path or query cannot be decoded. */
export function canonicalRequest(parts: CanonicalRequestParts): string | undefined {
  const uri = canonicalUri(parts.rawPath);
  const query = canonicalQuery(parts.rawQuery, parts.excludedQuery);
  if (uri === undefined || query === undefined) return undefined;
  return [
    parts.method.toUpperCase(),
    uri,
    query,
    canonicalHeaders(parts.headers, parts.signedHeaders),
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function scopeString(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join('\n');
}

export function signingKey(secretKey: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secretKey}`, scope.date);
  return hmac(hmac(hmac(dateKey, scope.region), scope.service), 'aws4_request');
}

/** The hex signature of a canonical request. */
export function sign(secretKey: string, scope: CredentialScope, amzDate: string, canonical: string): string {
  return createHmac('sha256', signingKey(secretKey, scope))
    .update(stringToSign(amzDate, scope, canonical))
    .digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** Byte order, as the spec sorts (localeCompare would not). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
