import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { startEmbeddedS3, type EmbeddedS3 } from '../../../test/support/embedded-s3';
import { startVerifyingS3 } from '../../../test/support/verifying-s3';
import { MinioObjectStore, parseEndpoint } from '../minio-object-store';

let directory: string;
let s3: EmbeddedS3;
let store: MinioObjectStore;
const bucketPrefix = `t${randomBytes(3).toString('hex')}-`;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mlaas-s3-'));
  // s3rver checks no signature; the front checks SigV4 as MinIO does, so every request below is a signed one.
  s3 = await startVerifyingS3({ directory });
  store = new MinioObjectStore({ ...s3, bucketPrefix });
  await store.ensureBucket('models');
});

afterAll(async () => {
  await store.close();
  await s3.close();
  await rm(directory, { recursive: true, force: true });
});

let keyCounter = 0;
const freshKey = (suffix = 'object.bin') => `case-${++keyCounter}/${suffix}`;

// What every object store does is in object-store.contract.test.ts; these are MinIO-client specifics.
describe('MinioObjectStore on an S3 server that verifies signatures', () => {
  it('signs presigned URLs for the public endpoint when clients reach S3 elsewhere (docker-compose)', async () => {
    const { port } = parseEndpoint(s3.endPoint);
    const publicStore = new MinioObjectStore({
      ...s3,
      bucketPrefix,
      publicEndPoint: `http://localhost:${port}`,
    });
    try {
      const key = freshKey('public.bin');
      const putUrl = new URL(await publicStore.presignedPutUrl('models', key, 300));
      expect(putUrl.host).toBe(`localhost:${port}`);
      expect(putUrl.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
      expect(
        (await fetch(putUrl, { method: 'PUT', body: Buffer.from('through the public name') })).status,
      ).toBe(200);
      // Everything else still talks to the internal endpoint.
      expect((await buffer(await publicStore.getObject('models', key))).toString()).toBe(
        'through the public name',
      );
    } finally {
      await publicStore.close();
    }
  });

  it('removes many objects sharing folders in one call, without a failed attempt', async () => {
    const folder = `shared-${++keyCounter}`;
    const keys = Array.from({ length: 8 }, (_, i) => `${folder}/model/v${i}/model.onnx`);
    for (const key of keys) await store.putObject('models', key, Buffer.from(key));
    // The minio client retries a 500 once, logging the retry as a warning.
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await store.removeObjects('models', keys);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
    expect(await store.listKeys('models', `${folder}/`)).toEqual([]);
  });

  it('creates a bucket once, however often it is ensured, under the configured prefix', async () => {
    await store.ensureBucket('artifacts');
    await store.ensureBucket('artifacts');
    const unprefixed = new MinioObjectStore({ ...s3 });
    try {
      await store.putObject('artifacts', 'where.txt', Buffer.from('here'));
      expect(await unprefixed.statObject(`${bucketPrefix}artifacts`, 'where.txt')).toBeDefined();
      expect(store.bucketName('artifacts')).toBe(`${bucketPrefix}artifacts`);
    } finally {
      await unprefixed.close();
    }
  });

  it('answers ping while the server is up, and throws once it is gone', async () => {
    await store.ping();
    // The ping is a signed request: the server refuses it with a wrong secret.
    const forger = new MinioObjectStore({ ...s3, secretKey: 'guessed-secret' });
    await expect(forger.ping()).rejects.toMatchObject({
      code: expect.stringMatching(/^(AccessDenied|SignatureDoesNotMatch)$/),
    });
    await forger.close();
    const dir = await mkdtemp(path.join(tmpdir(), 'mlaas-s3-gone-'));
    const doomed = await startVerifyingS3({ directory: dir });
    const client = new MinioObjectStore({ ...doomed });
    try {
      await client.ping();
      await doomed.close();
      await expect(client.ping()).rejects.toThrow();
    } finally {
      await client.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('MinioObjectStore URLs and requests that the server refuses (403), changing nothing', () => {
  const bucketUrl = () => `${s3.endPoint}/${store.bucketName('models')}`;
  const errorCode = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];
  /** Another organization's object: nothing below may read, change or remove it. */
  async function othersObject(): Promise<{ key: string; body: Buffer }> {
    const key = `org-b/${freshKey('model.onnx')}`;
    const body = randomBytes(512);
    await store.putObject('models', key, body);
    return { key, body };
  }
  async function expectUnchanged({ key, body }: { key: string; body: Buffer }): Promise<void> {
    expect(await buffer(await store.getObject('models', key))).toEqual(body);
  }
  async function refusal(url: string | URL, init?: RequestInit): Promise<string | undefined> {
    const response = await fetch(url, init);
    expect(response.status).toBe(403);
    return errorCode(await response.text());
  }

  it("refuses a presigned GET URL whose key was edited to another organization's object", async () => {
    const others = await othersObject();
    const mine = `org-a/${freshKey('model.onnx')}`;
    const url = new URL(await store.presignedGetUrl('models', mine, 300));
    url.pathname = url.pathname.replace(mine, others.key);
    expect(await refusal(url)).toBe('SignatureDoesNotMatch');
  });

  it("refuses a presigned PUT URL whose key was edited to another organization's object", async () => {
    const others = await othersObject();
    const mine = `org-a/${freshKey('model.onnx')}`;
    const url = new URL(await store.presignedPutUrl('models', mine, 300));
    url.pathname = url.pathname.replace(mine, others.key);
    expect(await refusal(url, { method: 'PUT', body: 'overwritten' })).toBe('SignatureDoesNotMatch');
    await expectUnchanged(others);
    expect(await store.statObject('models', mine)).toBeUndefined();
  });

  it('refuses a presigned GET URL used to PUT or DELETE', async () => {
    const target = await othersObject();
    const url = await store.presignedGetUrl('models', target.key, 300);
    expect(await refusal(url, { method: 'PUT', body: 'overwritten' })).toBe('SignatureDoesNotMatch');
    expect(await refusal(url, { method: 'DELETE' })).toBe('SignatureDoesNotMatch');
    await expectUnchanged(target);
  });

  it('refuses a presigned URL whose expiry was extended', async () => {
    const target = await othersObject();
    const url = new URL(await store.presignedPutUrl('models', target.key, 60));
    url.searchParams.set('X-Amz-Expires', '604800');
    expect(await refusal(url, { method: 'PUT', body: 'overwritten' })).toBe('SignatureDoesNotMatch');
    await expectUnchanged(target);
  });

  it('refuses an expired presigned URL, also once its expiry is extended', async () => {
    const target = await othersObject();
    const put = await store.presignedPutUrl('models', target.key, 1);
    const get = await store.presignedGetUrl('models', target.key, 1);
    // X-Amz-Date has whole seconds: two seconds on, a one-second URL is over whenever it was signed.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const response = await fetch(put, { method: 'PUT', body: 'overwritten' });
    expect(response.status).toBe(403);
    const xml = await response.text();
    expect([errorCode(xml), /<Message>([^<]+)</.exec(xml)?.[1]]).toEqual([
      'AccessDenied',
      'Request has expired',
    ]);
    expect(await refusal(get)).toBe('AccessDenied');
    const extended = new URL(get);
    extended.searchParams.set('X-Amz-Expires', '3600');
    expect(await refusal(extended)).toBe('SignatureDoesNotMatch');
    await expectUnchanged(target);
  });

  it.each(['GET', 'HEAD', 'PUT', 'DELETE'])('refuses an anonymous %s of an object', async (method) => {
    const target = await othersObject();
    const body = method === 'PUT' ? 'overwritten' : undefined;
    const response = await fetch(`${bucketUrl()}/${target.key}`, { method, body });
    expect(response.status).toBe(403);
    if (method !== 'HEAD') expect(errorCode(await response.text())).toBe('AccessDenied');
    await expectUnchanged(target);
  });

  it('refuses an anonymous upload of a new object and anonymous listings of the buckets and their keys', async () => {
    const key = freshKey('planted.bin');
    expect(await refusal(`${bucketUrl()}/${key}`, { method: 'PUT', body: 'planted' })).toBe('AccessDenied');
    expect(await store.statObject('models', key)).toBeUndefined();
    for (const listing of [`${s3.endPoint}/`, bucketUrl(), `${bucketUrl()}?list-type=2&prefix=org-b%2F`])
      expect(await refusal(listing)).toBe('AccessDenied');
  });

  it('refuses requests signed with another secret for its access key', async () => {
    const target = await othersObject();
    const forger = new MinioObjectStore({ ...s3, secretKey: 'guessed-secret', bucketPrefix });
    try {
      await expect(forger.putObject('models', target.key, Buffer.from('forged'))).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
      });
      await expect(forger.getObject('models', target.key)).rejects.toMatchObject({
        code: 'SignatureDoesNotMatch',
      });
      await expect(forger.removeObjects('models', [target.key])).rejects.toThrow();
      await expectUnchanged(target);
    } finally {
      await forger.close();
    }
  });
});

describe('startEmbeddedS3', () => {
  it('keeps buckets and objects across a restart on the same directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlaas-s3-restart-'));
    try {
      const first = await startEmbeddedS3({ directory: dir });
      const before = new MinioObjectStore({ ...first });
      await before.ensureBucket('datasets');
      await before.putObject('datasets', 'iris.csv', Buffer.from('a,b\n1,2\n'), 'text/csv');
      await before.close();
      await first.close();

      const second = await startEmbeddedS3({ directory: dir });
      const after = new MinioObjectStore({ ...second });
      try {
        expect((await buffer(await after.getObject('datasets', 'iris.csv'))).toString()).toBe('a,b\n1,2\n');
      } finally {
        await after.close();
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('parseEndpoint', () => {
  it.each([
    ['http://minio:9000', { endPoint: 'minio', port: 9000, useSSL: false }],
    ['https://s3.example.com', { endPoint: 's3.example.com', port: 443, useSSL: true }],
    ['http://127.0.0.1', { endPoint: '127.0.0.1', port: 80, useSSL: false }],
  ])('reads %s', (url, expected) => {
    expect(parseEndpoint(url)).toEqual(expected);
  });

  it.each(['ftp://minio:21', 'http://minio:9000/bucket', 'minio:9000'])('refuses %s', (url) => {
    expect(() => parseEndpoint(url)).toThrow();
  });
});

describe('MinioObjectStore streams longer than the single-PUT limit', () => {
  it('sends them as a stream (multipart), which s3rver refuses: only MinIO takes them', async () => {
    const small = new MinioObjectStore({ ...s3, bucketPrefix, singlePutLimitBytes: 8 });
    try {
      const source = Readable.from([Buffer.from('0123456789'), Buffer.from('abcdef')]);
      await expect(small.putObject('models', freshKey(), source)).rejects.toThrow(/not implemented/);
      await small.putObject('models', freshKey(), Readable.from([Buffer.from('01234567')]));
    } finally {
      await small.close();
    }
  });
});
