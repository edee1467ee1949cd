import { createHmac, timingSafeEqual } from 'node:crypto';

/** The only requests a signed URL can authorize. */
export type SignedMethod = 'GET' | 'PUT';

/** What one signed URL allows: every field is covered by the signature. */
export interface ObjectGrant {
  method: SignedMethod;
  bucket: string;
  key: string;
  /** Unix time in seconds after which the URL is refused. */
  expires: number;
  /** The largest body a PUT may carry; absent means no limit (and always for GET). */
  maxBytes?: number;
}

/** A request's claim: the grant it names and the signature it carries, still to be verified. */
export interface ClaimedGrant {
  grant: ObjectGrant;
  signature: string;
}

/** Minimum secret length: HMAC-SHA256 gains nothing from more, and is weakened by less. */
const MIN_SECRET_BYTES = 32;
/** Versioned, so a later format can never verify with an old signature. */
const SIGNATURE_CONTEXT = 'mlaas-object-url-v1';
const DIGITS = /^\d{1,15}$/;

/**
 * Signs and verifies the embedded object store's URLs: HMAC-SHA256 over method, bucket, expiry, size limit and key,
 * so that editing any of them (another organization's key, PUT with a GET URL, a later expiry, a larger limit)
 * breaks the signature.
 */
export class ObjectUrlSigner {
  constructor(private readonly secret: Buffer) {
    if (secret.length < MIN_SECRET_BYTES)
      throw new Error('the object store secret must have at least 32 bytes');
  }

  /** `<baseUrl>/<bucket>/<key>?expires=…[&max=…]&sig=…`, each key segment percent-encoded. */
  url(baseUrl: string, grant: ObjectGrant): string {
    const path = [grant.bucket, ...grant.key.split('/')].map(encodeURIComponent).join('/');
    const query = new URLSearchParams({ expires: String(grant.expires) });
    if (grant.maxBytes !== undefined) query.set('max', String(grant.maxBytes));
    query.set('sig', this.sign(grant).toString('base64url'));
    return `${baseUrl.replace(/\/+$/, '')}/${path}?${query}`;
  }

  /** Whether the signature is the one this secret gives the grant (compared in constant time). */
  verify({ grant, signature }: ClaimedGrant): boolean {
    const expected = this.sign(grant);
    const given = Buffer.from(signature, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private sign(grant: ObjectGrant): Buffer {
    // The key goes last: every field before it has no newline, so no two grants give the same text.
    const fields = [
      SIGNATURE_CONTEXT,
      grant.method,
      grant.bucket,
      String(grant.expires),
      grant.maxBytes === undefined ? '' : String(grant.maxBytes),
      grant.key,
    ];
    return createHmac('sha256', this.secret).update(fields.join('\n')).digest();
  }
}

/**
 * The grant a request names by its method and raw target (`/<bucket>/<key>?expires=…&sig=…`), or `undefined` when
 * the target is not a well-formed signed URL. The key is read from the raw path, never normalized, so `..` reaches
 * the key check instead of being folded away.
 */
export function readClaimedGrant(method: SignedMethod, target: string): ClaimedGrant | undefined {
  if (!target.startsWith('/')) return undefined;
  const queryStart = target.indexOf('?');
  const path = queryStart < 0 ? target : target.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1));
  const segments = decodeSegments(path.slice(1));
  const expires = query.get('expires');
  const max = query.get('max');
  const signature = query.get('sig');
  if (!segments || segments.length < 2 || !signature || !expires || !DIGITS.test(expires)) return undefined;
  if (max !== null && !DIGITS.test(max)) return undefined;
  const [bucket, ...key] = segments;
  const grant: ObjectGrant = { method, bucket, key: key.join('/'), expires: Number(expires) };
  if (max !== null) grant.maxBytes = Number(max);
  return { grant, signature };
}

function decodeSegments(path: string): string[] | undefined {
  try {
    return path.split('/').map(decodeURIComponent);
  } catch {
    return undefined; // a malformed percent-escape
  }
}
