import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../process';
import { createLogger } from '../../logger';
import { startEmbeddedObjectStore, type EmbeddedObjectStore } from '../embedded-object-store';
import { pathOf, rawRequest } from './raw-http';

const logger = createLogger('embedded-object-store-test', 'silent');
let dataDir: string;
const running: EmbeddedObjectStore[] = [];

async function start(options: { port?: number; secret?: string; publicUrl?: string } = {}) {
  const embedded = await startEmbeddedObjectStore({ dataDir, port: 0, logger, ...options });
  running.push(embedded);
  await embedded.store.ensureBucket('models');
  return embedded;
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mlaas-embedded-objects-'));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((embedded) => embedded.close()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded object store and its signed URLs', () => {
  it('listens on loopback by default and signs URLs for that address', async () => {
    const { url, store } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await store.presignedGetUrl('models', 'm.onnx', 60)).toMatch(
      new RegExp(`^${url}/models/m\\.onnx\\?`),
    );
  });

  it('signs URLs for the public URL when clients reach the server elsewhere', async () => {
    const { store } = await start({ publicUrl: 'https://objects.example.com/' });
    expect(await store.presignedPutUrl('models', 'org/m.onnx', 60)).toMatch(
      /^https:\/\/objects\.example\.com\/models\/org\/m\.onnx\?expires=\d+&sig=/,
    );
  });

  it('serves downloads as attachments a browser neither sniffs nor runs', async () => {
    const { store } = await start();
    await store.putObject('models', 'org/model.onnx', Buffer.from('<script>alert(1)</script>'));
    const answer = await fetch(await store.presignedGetUrl('models', 'org/model.onnx', 60));
    expect(answer.status).toBe(200);
    expect(Object.fromEntries(answer.headers)).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment; filename="model.onnx"',
      'x-content-type-options': 'nosniff',
      'content-length': '25',
    });
  });

  it('keeps its links valid across a restart on its port, with a key generated once and readable only by it', async () => {
    const port = await findFreePort();
    const first = await start({ port });
    await first.store.putObject('models', 'm.onnx', Buffer.from('model'));
    const link = await first.store.presignedGetUrl('models', 'm.onnx', 300);
    const keyFile = path.join(dataDir, 'object-store.key');
    const key = await readFile(keyFile, 'utf8');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await first.close();

    await start({ port });
    expect(await readFile(keyFile, 'utf8')).toBe(key);
    const answer = await fetch(link);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('model');
  });

  it('signs with OBJECT_STORE_SECRET when one is set: links of another secret are refused', async () => {
    const port = await findFreePort();
    const first = await start({ port, secret: 'a'.repeat(32) });
    await first.store.putObject('models', 'm.onnx', Buffer.from('model'));
    const link = await first.store.presignedGetUrl('models', 'm.onnx', 300);
    await first.close();

    const other = await start({ port, secret: 'b'.repeat(32) });
    expect((await fetch(link)).status).toBe(403);
    await other.close();
    await start({ port, secret: 'a'.repeat(32) });
    expect((await fetch(link)).status).toBe(200);
  });

  it.each([
    ['a parent segment', '/models/../object-store.key'],
    ['an escaped parent segment', '/models/%2e%2e/object-store.key'],
    ['an escaped slash', '/models/..%2fobject-store.key'],
    ['an absolute URL', 'http://127.0.0.1/models/../object-store.key'],
  ])('refuses a path with %s to the signing key, even carrying a valid signature', async (_case, target) => {
    const { url, store } = await start();
    const signed = new URL(await store.presignedGetUrl('models', 'm.onnx', 300));
    const key = await readFile(path.join(dataDir, 'object-store.key'), 'utf8');
    for (const withQuery of [target, `${target}${signed.search}`]) {
      const answer = await rawRequest(url, { method: 'GET', path: withQuery });
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain(key);
    }
  });

  it('answers only GET and PUT: HEAD, DELETE, POST and the rest get 405 even with a signed URL', async () => {
    const { url, store } = await start();
    await store.putObject('models', 'm.onnx', Buffer.from('model'));
    const signed = pathOf(await store.presignedGetUrl('models', 'm.onnx', 300));
    for (const method of ['HEAD', 'DELETE', 'POST', 'OPTIONS', 'PATCH']) {
      const answer = await rawRequest(url, { method, path: signed });
      expect({ method, status: answer.status }).toEqual({ method, status: 405 });
    }
    expect(await store.statObject('models', 'm.onnx')).toBeDefined();
  });

  it('answers a signed GET of a missing object with 404, repeating neither key nor signature', async () => {
    const { store } = await start();
    const link = await store.presignedGetUrl('models', 'org-secret/missing.onnx', 300);
    const answer = await fetch(link);
    expect(answer.status).toBe(404);
    const body = await answer.text();
    expect(body).toContain('<Code>NoSuchKey</Code>');
    expect(body).not.toContain('org-secret');
    expect(body).not.toContain(new URL(link).searchParams.get('sig'));
  });

  it('refuses an upload over its limit before the client sends it, when the client waits for 100 Continue', async () => {
    const { url, store } = await start();
    const tooLarge = await store.presignedPutUrl('models', 'big.onnx', 300, { maxBytes: 10 });
    const refused = await rawRequest(url, {
      method: 'PUT',
      path: pathOf(tooLarge),
      headers: { 'Content-Length': '11' },
      chunks: [randomBytes(11)],
      expectContinue: true,
    });
    expect({ status: refused.status, continued: refused.continued }).toEqual({
      status: 413,
      continued: false,
    });

    const fits = await store.presignedPutUrl('models', 'small.onnx', 300, { maxBytes: 10 });
    const accepted = await rawRequest(url, {
      method: 'PUT',
      path: pathOf(fits),
      headers: { 'Content-Length': '10' },
      chunks: [randomBytes(10)],
      expectContinue: true,
    });
    expect({ status: accepted.status, continued: accepted.continued }).toEqual({
      status: 200,
      continued: true,
    });
    expect(await store.statObject('models', 'big.onnx')).toBeUndefined();
  });

  it('stores nothing, and leaves no partial file, when the client goes away in the middle of an upload', async () => {
    const { url, store } = await start();
    await store.putObject('models', 'm.onnx', Buffer.from('validated'));
    const target = pathOf(await store.presignedPutUrl('models', 'm.onnx', 300));
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`PUT ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n`);
    socket.write(randomBytes(50_000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await readFile(path.join(dataDir, 'objects', 'models', 'm.onnx'))).toString()).toBe('validated');
    expect(await readdir(path.join(dataDir, 'objects', '.partial'))).toEqual([]);
  });
});
