import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { FileObjectStore } from '../file-object-store';
import { ObjectKeyConflictError } from '../object-errors';
import { InvalidObjectNameError } from '../object-names';
import { ObjectUrlSigner } from '../signed-object-url';

const signer = new ObjectUrlSigner(randomBytes(32));
let directory: string;
let store: FileObjectStore;

const openStore = () => FileObjectStore.open({ directory, publicUrl: 'http://127.0.0.1:1', signer });
const read = async (key: string) => (await buffer(await store.getObject('models', key))).toString();
const partials = () => readdir(path.join(directory, '.partial'));

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'mlaas-file-objects-'));
  store = await openStore();
  await store.ensureBucket('models');
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('FileObjectStore on disk', () => {
  it('keeps an object as the file <bucket>/<key>, in folders only its user can enter and a file only it can read', async () => {
    await store.putObject('models', 'org/model/v1/model.onnx', Buffer.from('onnx'));
    const file = path.join(directory, 'models', 'org', 'model', 'v1', 'model.onnx');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    for (const folder of ['', 'models', 'models/org', 'models/org/model', 'models/org/model/v1']) {
      expect((await stat(path.join(directory, folder))).mode & 0o777).toBe(0o700);
    }
  });

  it.each([
    ['a parent segment', '../object-store.key'],
    ['a parent segment inside', 'org/../../object-store.key'],
    ['an absolute path', '/etc/passwd'],
    ['an empty segment', 'org//model.onnx'],
    ['a current-folder segment', 'org/./model.onnx'],
    ['a trailing slash', 'org/'],
    ['a NUL byte', 'org/model.onnx\0.txt'],
    ['no characters', ''],
    ['more than 1024 bytes', 'k'.repeat(1025)],
  ])('refuses a key with %s, for every operation', async (_case, key) => {
    await expect(store.putObject('models', key, Buffer.from('x'))).rejects.toThrow(InvalidObjectNameError);
    await expect(store.getObject('models', key)).rejects.toThrow(InvalidObjectNameError);
    await expect(store.statObject('models', key)).rejects.toThrow(InvalidObjectNameError);
    await expect(store.removeObjects('models', [key])).rejects.toThrow(InvalidObjectNameError);
    await expect(store.copyObject('models', 'a', key)).rejects.toThrow(InvalidObjectNameError);
    await expect(store.presignedGetUrl('models', key, 60)).rejects.toThrow(InvalidObjectNameError);
    await expect(store.presignedPutUrl('models', key, 60)).rejects.toThrow(InvalidObjectNameError);
  });

  it.each(['..', '.partial', 'Models', 'a', 'models/other'])('refuses the bucket name %j', async (bucket) => {
    await expect(store.ensureBucket(bucket)).rejects.toThrow(InvalidObjectNameError);
    await expect(store.statObject(bucket, 'key')).rejects.toThrow(InvalidObjectNameError);
  });

  it('refuses to write into a bucket that was never created', async () => {
    await expect(store.putObject('datasets', 'iris.csv', Buffer.from('a,b'))).rejects.toThrow(
      /no such bucket/,
    );
  });

  it('keeps the previous object, and no partial file, when a write fails half-way', async () => {
    await store.putObject('models', 'm.onnx', Buffer.from('validated'));
    const failing = new Readable({ read() {} });
    failing.push(randomBytes(1024));
    setImmediate(() => failing.destroy(new Error('connection lost')));
    await expect(store.putObject('models', 'm.onnx', failing)).rejects.toThrow('connection lost');
    expect(await read('m.onnx')).toBe('validated');
    expect(await partials()).toEqual([]);
  });

  it('never shows a reader part of an object: the old one until the new one is whole', async () => {
    await store.putObject('models', 'm.onnx', Buffer.from('old'));
    const upload = new PassThrough();
    const writing = store.putObject('models', 'm.onnx', upload);
    upload.write(Buffer.from('new, first half; '));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await read('m.onnx')).toBe('old');
    expect(await store.statObject('models', 'm.onnx')).toMatchObject({ size: 3 });
    upload.end(Buffer.from('second half'));
    await writing;
    expect(await read('m.onnx')).toBe('new, first half; second half');
  });

  it('refuses a write over its byte limit and keeps what was there', async () => {
    await store.putObject('models', 'm.onnx', Buffer.from('validated'));
    await expect(
      store.writeObject('models', 'm.onnx', Readable.from([randomBytes(600), randomBytes(600)]), 1000),
    ).rejects.toMatchObject({ code: 'EntityTooLarge' });
    expect(await read('m.onnx')).toBe('validated');
    expect(await partials()).toEqual([]);
  });

  it('sees no object at a key that is the folder of other keys, and refuses to make it one', async () => {
    await store.putObject('models', 'org/model.onnx', Buffer.from('x'));
    expect(await store.statObject('models', 'org')).toBeUndefined();
    await expect(store.getObject('models', 'org')).rejects.toMatchObject({ code: 'NoSuchKey' });
    await expect(store.putObject('models', 'org', Buffer.from('y'))).rejects.toThrow(ObjectKeyConflictError);
    await expect(store.putObject('models', 'org/model.onnx/inner', Buffer.from('y'))).rejects.toThrow(
      ObjectKeyConflictError,
    );
    expect(await partials()).toEqual([]);
  });

  it('removes the folders that removing the last object of each left empty', async () => {
    await store.putObject('models', 'org/model/v1/model.onnx', Buffer.from('1'));
    await store.putObject('models', 'org/other.onnx', Buffer.from('2'));
    await store.removeObjects('models', ['org/model/v1/model.onnx']);
    expect(await readdir(path.join(directory, 'models', 'org'))).toEqual(['other.onnx']);
  });

  it('gives the MD5 ETag after a restart too, and drops partial files a stopped process left', async () => {
    const body = randomBytes(10_000);
    await store.putObject('models', 'm.onnx', body);
    await store.putObject('models', 'copy-source', body);
    await store.copyObject('models', 'copy-source', 'copy');
    await writeFile(path.join(directory, '.partial', 'crashed.partial'), 'half a model');
    const restarted = await openStore();
    const etag = createHash('md5').update(body).digest('hex');
    expect((await restarted.statObject('models', 'm.onnx'))?.etag).toBe(etag);
    expect((await restarted.statObject('models', 'copy'))?.etag).toBe(etag);
    expect(await partials()).toEqual([]);
  });

  it('refuses URL lifetimes outside 1 second to 7 days, and a negative size limit', async () => {
    for (const seconds of [0, -1, 1.5, 7 * 86_400 + 1]) {
      await expect(store.presignedGetUrl('models', 'm.onnx', seconds)).rejects.toThrow(RangeError);
    }
    await expect(store.presignedPutUrl('models', 'm.onnx', 60, { maxBytes: -1 })).rejects.toThrow(RangeError);
    await expect(store.presignedGetUrl('models', 'm.onnx', 7 * 86_400)).resolves.toContain('sig=');
  });
});
