import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { RegisterDocument } from '../__generated__/operations';
import { datasetFixturePath } from '../fixtures/datasets';
import { startEmbedded } from '../support/embedded';
import { bearer, execute, graphql } from '../support/graphql-client';
import type { ServiceProcess } from '../support/processes';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Every file and folder under `root`, with its permission bits. */
function modesUnder(root: string): { path: string; kind: 'file' | 'dir'; mode: number }[] {
  const found: { path: string; kind: 'file' | 'dir'; mode: number }[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    const full = path.join(entry.parentPath, entry.name);
    if (!entry.isFile() && !entry.isDirectory()) continue;
    found.push({ path: full, kind: entry.isFile() ? 'file' : 'dir', mode: statSync(full).mode & 0o777 });
  }
  return found;
}

/** Local addresses (hex, as /proc/net/tcp* writes them) of the sockets listening on `port`. */
function listeningAddresses(port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      // State 0A is LISTEN.
      if (state === '0A' && local?.endsWith(`:${portHex}`)) addresses.push(local.split(':')[0]);
    }
  }
  return addresses;
}

/** The machine's own addresses that are not loopback, where a server bound to every interface would answer. */
function outwardAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === 'IPv4')
    .map((address) => address!.address);
}

describe('safe defaults of the embedded mode (npm start)', () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'mlaas-safe-defaults-'));
  // Not there yet: the platform creates it.
  const dataDir = path.join(parent, 'data');
  let platform: { process: ServiceProcess; url: string };
  let token: string;

  beforeAll(async () => {
    platform = await startEmbedded(dataDir, { env: { INTROSPECTION: 'authenticated' } });
    const registered = await execute(platform.url, RegisterDocument, {
      input: {
        email: 'ada@example.com',
        password: 'correct horse battery',
        displayName: 'Ada',
        organizationName: 'Engines',
      },
    });
    token = registered.data!.register.accessToken;
  }, 60_000);

  afterAll(async () => {
    await platform?.process.stop();
    rmSync(parent, { recursive: true, force: true });
  });

  it('listens on loopback only', async () => {
    const port = Number(new URL(platform.url).port);
    // 0100007F is 127.0.0.1; a server on every interface would show 00000000.
    expect(listeningAddresses(port)).toEqual(['0100007F']);
    const health = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(health.status).toBe(200);
    for (const address of outwardAddresses()) {
      await expect(fetch(`http://${address}:${port}/health/live`)).rejects.toThrow();
    }
  });

  it('keeps DATA_DIR owner-only: the folder 0700, every file 0600 (databases, -wal, -shm, objects)', async () => {
    // An uploaded dataset puts a file in the object store too.
    const created = await graphql<{ createDataset: { uploadUrl: string } }>(
      platform.url,
      'mutation { createDataset(input: { name: "iris" }) { uploadUrl } }',
      {},
      bearer(token),
    );
    const put = await fetch(created.data!.createDataset.uploadUrl, {
      method: 'PUT',
      body: readFileSync(datasetFixturePath('iris')),
    });
    expect(put.status).toBe(200);

    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const entries = modesUnder(dataDir);
    const files = entries.filter((entry) => entry.kind === 'file');
    expect(files.map((file) => path.basename(file.path))).toEqual(
      expect.arrayContaining(['identity.sqlite', 'registry.sqlite']),
    );
    for (const entry of entries) {
      expect({ path: entry.path, mode: entry.mode.toString(8) }).toEqual({
        path: entry.path,
        mode: entry.kind === 'file' ? '600' : '700',
      });
    }
  });

  it('refuses anonymous introspection when INTROSPECTION=authenticated, and answers it signed in', async () => {
    const query = '{ __schema { queryType { name } } }';
    const anonymous = await graphql(platform.url, query);
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const signedIn = await graphql(platform.url, query, {}, bearer(token));
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  describe('the playground under its CSP, signed in, with INTROSPECTION=authenticated', () => {
    let browser: Browser;

    beforeAll(async () => {
      if (!existsSync(CHROMIUM))
        throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-sync'],
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('loads the schema with the headers the user saved, and the CSP blocks nothing', async () => {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) violations.push(message.text());
      });
      // As after a first visit where the user pasted their token in the Headers tab (GraphiQL persists it).
      await page.addInitScript(
        (headers) => {
          (
            globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }
          ).localStorage.setItem('graphiql:headers', headers);
        },
        JSON.stringify({ Authorization: `Bearer ${token}` }),
      );
      const introspected = page.waitForResponse(
        (response) => response.request().postData()?.includes('__schema') ?? false,
      );
      await page.goto(platform.url);
      const response = await introspected;
      expect(response.status()).toBe(200);
      const body = (await response.json()) as { data?: { __schema?: { queryType: { name: string } } } };
      expect(body.data?.__schema?.queryType.name).toBe('Query');
      await page.waitForSelector('.graphiql-container');
      expect(violations).toEqual([]);
    }, 60_000);
  });
});
