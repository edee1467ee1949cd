import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { ObjectStore } from '../object-store';
import { objectStoreFactories, type StoreUnderTest } from './object-store-factories';
import { pathOf, rawRequest } from './raw-http';

const md5 = (body: Buffer) => createHash('md5').update(body).digest('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same URL with its expiry moved a day later, whichever signing scheme wrote it. */
function laterExpiry(url: string): string {
  const parsed = new URL(url);
  for (const name of ['expires', 'X-Amz-Expires']) {
    const value = parsed.searchParams.get(name);
    if (value) parsed.searchParams.set(name, String(Number(value) + 86_400));
  }
  return parsed.toString();
}

/** The same URL naming another key (its signature unchanged). */
function otherKey(url: string, key: string, replacement: string): string {
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(key, replacement);
  return parsed.toString();
}

describe.each(objectStoreFactories)('the object store contract: $name', (factory) => {
  let started: StoreUnderTest;
  let store: ObjectStore;
  let counter = 0;
  // Keys shaped like the registry's: organization, model, version, file.
  const freshKey = (file = 'model.onnx') => `org-${++counter}/model/version/${file}`;

  beforeAll(async () => {
    started = await factory.start();
    store = started.store;
    await store.ensureBucket('models');
  });
  afterAll(() => started.close());

  describe('storing and reading', () => {
    it('stores a buffer and reads it back with its size, MD5 ETag and modification time', async () => {
      const key = freshKey();
      const body = randomBytes(2048);
      const before = Date.now() - 2000;
      await store.putObject('models', key, body, 'application/octet-stream');
      expect(await buffer(await store.getObject('models', key))).toEqual(body);
      const info = await store.statObject('models', key);
      expect(info).toEqual({ size: 2048, etag: md5(body), lastModified: expect.any(Date) });
      expect(info!.lastModified.getTime()).toBeGreaterThanOrEqual(before);
    });

    it('stores a stream of unknown length', async () => {
      const key = freshKey();
      await store.putObject(
        'models',
        key,
        Readable.from([Buffer.from('part one, '), Buffer.from('part two')]),
      );
      expect((await buffer(await store.getObject('models', key))).toString()).toBe('part one, part two');
    });

    it('replaces an object written again under its key', async () => {
      const key = freshKey();
      await store.putObject('models', key, Buffer.from('first'));
      await store.putObject('models', key, Buffer.from('second'));
      expect((await buffer(await store.getObject('models', key))).toString()).toBe('second');
      expect((await store.statObject('models', key))?.etag).toBe(md5(Buffer.from('second')));
    });

    it('reports a missing object as undefined, and refuses to read it', async () => {
      expect(await store.statObject('models', freshKey())).toBeUndefined();
      await expect(store.getObject('models', freshKey())).rejects.toThrow();
    });

    it('creates a bucket once however often it is ensured, and answers ping', async () => {
      await store.ensureBucket('artifacts');
      await store.ensureBucket('artifacts');
      await store.putObject('artifacts', 'run-1/metrics.json', Buffer.from('{}'));
      expect(await store.listKeys('artifacts', 'run-1/')).toEqual(['run-1/metrics.json']);
      await store.ping();
    });
  });

  describe('copying, listing, removing', () => {
    it('copies an object to another key (staging key to final key), replacing what was there', async () => {
      const staging = freshKey('staging.onnx');
      const final = freshKey('model.onnx');
      const body = randomBytes(1024);
      await store.putObject('models', staging, body);
      await store.putObject('models', final, Buffer.from('old'));
      await store.copyObject('models', staging, final);
      expect(await buffer(await store.getObject('models', final))).toEqual(body);
      expect(await store.statObject('models', final)).toMatchObject({ size: 1024, etag: md5(body) });
      // The source is untouched.
      expect(await buffer(await store.getObject('models', staging))).toEqual(body);
    });

    it('refuses to copy a missing object, and creates nothing', async () => {
      const target = freshKey();
      await expect(store.copyObject('models', freshKey('missing.onnx'), target)).rejects.toThrow();
      expect(await store.statObject('models', target)).toBeUndefined();
    });

    it('lists the keys under a prefix only, sorted, including prefixes that end inside a name', async () => {
      const folder = `listing-${++counter}`;
      for (const key of [`${folder}/b`, `${folder}/a`, `${folder}/sub/c`, `${folder}-sibling/d`]) {
        await store.putObject('models', key, Buffer.from(key));
      }
      expect(await store.listKeys('models', `${folder}/`)).toEqual([
        `${folder}/a`,
        `${folder}/b`,
        `${folder}/sub/c`,
      ]);
      expect(await store.listKeys('models', `${folder}/s`)).toEqual([`${folder}/sub/c`]);
      expect(await store.listKeys('models', 'nothing-here/')).toEqual([]);
    });

    it('removes the listed objects in one call, leaves the others, and ignores missing keys', async () => {
      const folder = `removal-${++counter}`;
      const keys = [`${folder}/1`, `${folder}/deep/2`, `${folder}/3`];
      for (const key of keys) await store.putObject('models', key, Buffer.from(key));
      await store.removeObjects('models', [...keys.slice(0, 2), `${folder}/never-there`]);
      await store.removeObjects('models', []);
      expect(await store.listKeys('models', `${folder}/`)).toEqual([`${folder}/3`]);
      expect(await store.statObject('models', keys[0])).toBeUndefined();
    });
  });

  describe('presigned URLs', () => {
    it('takes an upload through a presigned PUT and serves it through a presigned GET', async () => {
      const key = freshKey();
      const body = randomBytes(4096);
      const put = await fetch(await store.presignedPutUrl('models', key, 300), { method: 'PUT', body });
      expect(put.status).toBe(200);
      const get = await fetch(await store.presignedGetUrl('models', key, 60));
      expect(get.status).toBe(200);
      expect(Buffer.from(await get.arrayBuffer())).toEqual(body);
      expect(await store.statObject('models', key)).toMatchObject({ size: 4096, etag: md5(body) });
    });

    it('takes an upload within the size limit of its URL', async () => {
      const key = freshKey();
      const url = await store.presignedPutUrl('models', key, 300, { maxBytes: 100 });
      expect((await fetch(url, { method: 'PUT', body: randomBytes(100) })).status).toBe(200);
      expect((await store.statObject('models', key))?.size).toBe(100);
    });
  });

  // Every implementation verifies signatures (the MinIO client's runs against a SigV4-verifying S3).
  describe('refusing every request it did not sign', () => {
    let victimKey: string;
    const secret = Buffer.from("another organization's model");

    beforeAll(async () => {
      victimKey = freshKey();
      await store.putObject('models', victimKey, secret);
    });

    const expectUnchanged = async () =>
      expect(await buffer(await store.getObject('models', victimKey))).toEqual(secret);

    it("refuses a GET URL whose key was edited to another organization's", async () => {
      const ownKey = freshKey();
      await store.putObject('models', ownKey, Buffer.from('mine'));
      const edited = otherKey(await store.presignedGetUrl('models', ownKey, 300), ownKey, victimKey);
      const answer = await fetch(edited);
      expect(answer.status).toBe(403);
      expect(await answer.text()).not.toContain(secret.toString());
    });

    it('refuses a PUT URL whose key was edited, and writes nothing there', async () => {
      const ownKey = freshKey();
      const edited = otherKey(await store.presignedPutUrl('models', ownKey, 300), ownKey, victimKey);
      expect((await fetch(edited, { method: 'PUT', body: 'forged model' })).status).toBe(403);
      await expectUnchanged();
      expect(await store.statObject('models', ownKey)).toBeUndefined();
    });

    it('refuses a GET URL used to PUT', async () => {
      const url = await store.presignedGetUrl('models', victimKey, 300);
      expect((await fetch(url, { method: 'PUT', body: 'forged model' })).status).toBe(403);
      await expectUnchanged();
    });

    it('refuses a PUT URL used to GET', async () => {
      const answer = await fetch(await store.presignedPutUrl('models', victimKey, 300));
      expect(answer.status).toBe(403);
      expect(await answer.text()).not.toContain(secret.toString());
    });

    it('refuses a URL whose expiry was moved later', async () => {
      expect((await fetch(laterExpiry(await store.presignedGetUrl('models', victimKey, 300)))).status).toBe(
        403,
      );
      const put = laterExpiry(await store.presignedPutUrl('models', victimKey, 300));
      expect((await fetch(put, { method: 'PUT', body: 'forged model' })).status).toBe(403);
      await expectUnchanged();
    });

    it('refuses a URL once it has expired', async () => {
      const get = await store.presignedGetUrl('models', victimKey, 1);
      const put = await store.presignedPutUrl('models', victimKey, 1);
      await sleep(2100);
      expect((await fetch(get)).status).toBe(403);
      expect((await fetch(put, { method: 'PUT', body: 'late model' })).status).toBe(403);
      await expectUnchanged();
    });

    it('refuses unsigned requests: reading, writing, deleting and listing', async () => {
      const signed = new URL(await store.presignedGetUrl('models', victimKey, 300));
      const origin = signed.origin;
      const bucketPath = signed.pathname.slice(0, signed.pathname.indexOf('/', 1));
      const answers = await Promise.all([
        rawRequest(origin, { method: 'GET', path: signed.pathname }),
        rawRequest(origin, { method: 'PUT', path: signed.pathname, chunks: [Buffer.from('anonymous')] }),
        rawRequest(origin, { method: 'DELETE', path: signed.pathname }),
        rawRequest(origin, { method: 'GET', path: bucketPath }),
        rawRequest(origin, { method: 'GET', path: '/' }),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBeGreaterThanOrEqual(403);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body).not.toContain(victimKey);
      }
      // Nor does a signed GET URL delete (S3 answers 403 for the method the signature does not cover, the
      // embedded store 405 for a method it never serves).
      const deleted = await rawRequest(origin, { method: 'DELETE', path: pathOf(signed.toString()) });
      expect([403, 405]).toContain(deleted.status);
      await expectUnchanged();
    });
  });

  // Only where a presigned PUT can bound its body: S3 cannot, and the registry checks the size at completion.
  if (factory.enforcesMaxBytes)
    describe('enforcing the size limit of an upload URL', () => {
      it('refuses a body whose Content-Length is over the limit, before reading it, and stores nothing', async () => {
        const key = freshKey();
        const url = await store.presignedPutUrl('models', key, 300, { maxBytes: 1000 });
        const answer = await rawRequest(new URL(url).origin, {
          method: 'PUT',
          path: pathOf(url),
          headers: { 'Content-Length': '1001' },
          chunks: [randomBytes(1001)],
        });
        expect(answer.status).toBe(413);
        expect(await store.statObject('models', key)).toBeUndefined();
      });

      it('refuses a chunked body once it passes the limit, and keeps the object that was there', async () => {
        const key = freshKey();
        await store.putObject('models', key, Buffer.from('validated model'));
        const url = await store.presignedPutUrl('models', key, 300, { maxBytes: 64 * 1024 });
        const chunks = Array.from({ length: 8 }, () => randomBytes(16 * 1024));
        const answer = await rawRequest(new URL(url).origin, { method: 'PUT', path: pathOf(url), chunks });
        expect(answer.status).toBe(413);
        expect((await buffer(await store.getObject('models', key))).toString()).toBe('validated model');
      });
    });
});
