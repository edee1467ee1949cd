import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { EmbeddedS3 } from '../embedded-s3';
import { MinioObjectStore } from '../../../lib/object-store/minio-object-store';
import { canonicalRequest, sha256Hex, sign } from '../sigv4';
import { startVerifyingS3, type VerifyingS3Options } from '../verifying-s3';

/** Small, so that the limit on buffered signed payloads is easy to reach. */
const MAX_SIGNED_PAYLOAD = 1024;

let directory: string;
let s3: EmbeddedS3;
let store: MinioObjectStore;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mlaas-verifying-s3-'));
  s3 = await startVerifyingS3({ directory, maxSignedPayloadBytes: MAX_SIGNED_PAYLOAD });
  store = new MinioObjectStore({ ...s3 });
  await store.ensureBucket('front');
});

afterAll(async () => {
  await store.close();
  await s3.close();
  await rm(directory, { recursive: true, force: true });
});

let counter = 0;
const freshKey = () => `case-${++counter}/object.bin`;
const objectUrl = (key: string) => `${s3.endPoint}/front/${key}`;
const errorCode = async (response: Response) => /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];

/** A header-signed PUT as the minio client sends one, with `claimedBody`'s hash signed and `body` sent. */
async function signedPut(key: string, claimedBody: Buffer, body: Buffer): Promise<Response> {
  const url = new URL(objectUrl(key));
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const scope = { date: amzDate.slice(0, 8), region: 'us-east-1', service: 's3' };
  const headers = { host: url.host, 'x-amz-content-sha256': sha256Hex(claimedBody), 'x-amz-date': amzDate };
  const signedHeaders = Object.keys(headers);
  const canonical = canonicalRequest({
    method: 'PUT',
    rawPath: url.pathname,
    rawQuery: '',
    headers: new Map(Object.entries(headers).map(([name, value]) => [name, [value]])),
    signedHeaders,
    payloadHash: headers['x-amz-content-sha256'],
  })!;
  const signature = sign(s3.secretKey, scope, amzDate, canonical);
  const credential = `${s3.accessKey}/${scope.date}/us-east-1/s3/aws4_request`;
  return fetch(url, {
    method: 'PUT',
    body,
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
    },
  });
}

describe('startVerifyingS3', () => {
  it('stores a header-signed PUT whose body matches its signed hash', async () => {
    const key = freshKey();
    const body = randomBytes(100);
    expect((await signedPut(key, body, body)).status).toBe(200);
    expect(await buffer(await store.getObject('front', key))).toEqual(body);
  });

  it('refuses a header-signed PUT whose body is not the one signed, and stores nothing', async () => {
    const key = freshKey();
    const response = await signedPut(key, Buffer.from('what was signed'), Buffer.from('what was sent!!'));
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('XAmzContentSHA256Mismatch');
    expect(await store.statObject('front', key)).toBeUndefined();
  });

  it('refuses a signed payload over its buffering limit, and stores nothing', async () => {
    const key = freshKey();
    const body = randomBytes(MAX_SIGNED_PAYLOAD + 1);
    const response = await signedPut(key, body, body);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('EntityTooLarge');
    expect(await store.statObject('front', key)).toBeUndefined();
  });

  it('streams an unsigned payload (presigned PUT) of any size through', async () => {
    const key = freshKey();
    const body = randomBytes(4 * 1024 * 1024);
    const response = await fetch(await store.presignedPutUrl('front', key, 60), { method: 'PUT', body });
    expect(response.status).toBe(200);
    expect((await store.statObject('front', key))?.size).toBe(body.length);
  });

  it('refuses a presigned PUT that adds an x-amz header it did not sign (a copy of another object)', async () => {
    const source = freshKey();
    await store.putObject('front', source, Buffer.from('another organization'));
    const key = freshKey();
    const response = await fetch(await store.presignedPutUrl('front', key, 60), {
      method: 'PUT',
      headers: { 'x-amz-copy-source': `/front/${source}` },
    });
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('AccessDenied');
    expect(await store.statObject('front', key)).toBeUndefined();
  });

  it('refuses a presigned URL with a parameter added after signing (s3rver would read it as a header)', async () => {
    const source = freshKey();
    await store.putObject('front', source, Buffer.from('another organization'));
    const key = freshKey();
    const url = new URL(await store.presignedPutUrl('front', key, 60));
    url.searchParams.set('x-amz-copy-source', `/front/${source}`);
    const response = await fetch(url, { method: 'PUT' });
    expect([response.status, await errorCode(response)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(await store.statObject('front', key)).toBeUndefined();
  });

  it('checks expiry against its own clock', async () => {
    const ahead = await startFront({ now: () => new Date(Date.now() + 61_000) });
    try {
      const response = await fetch(await ahead.store.presignedGetUrl('front', freshKey(), 60));
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('<Message>Request has expired</Message>');
    } finally {
      await ahead.stop();
    }
  });

  it('makes up its own key pair: a URL another front signed is refused', async () => {
    const other = await startFront({});
    try {
      expect(other.s3.accessKey).not.toBe(s3.accessKey);
      const url = await store.presignedGetUrl('front', freshKey(), 60);
      const response = await fetch(url.replace(s3.endPoint, other.s3.endPoint));
      expect([response.status, await errorCode(response)]).toEqual([403, 'InvalidAccessKeyId']);
    } finally {
      await other.stop();
    }
  });
});

async function startFront(options: Partial<VerifyingS3Options>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlaas-verifying-s3-clock-'));
  const front = await startVerifyingS3({ directory: dir, ...options });
  const client = new MinioObjectStore({ ...front });
  return {
    s3: front,
    store: client,
    stop: async () => {
      await client.close();
      await front.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
