import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import { fileObjectRequestHandler } from './file-object-server';
import { FileObjectStore } from './file-object-store';
import { loadObjectStoreSecret } from './object-store-secret';
import { ObjectUrlSigner } from './signed-object-url';
import { closeGracefully } from '../server/http-server';

export interface EmbeddedObjectStoreOptions {
  /** Objects live under `<dataDir>/objects/<bucket>/`; the generated signing key in `<dataDir>/object-store.key`. */
  dataDir: string;
  /**
   * Interface the server binds.
   * @default '127.0.0.1'
   */
  host?: string;
  /** The server's port; 0 picks a free one (links then stop working at a restart). */
  port: number;
  /**
   * Base URL clients reach the server at.
   * @default `http://<host>:<port>` (loopback when host is a wildcard address)
   */
  publicUrl?: string;
  /** Signs the URLs instead of the generated key (at least 32 characters). */
  secret?: string;
  logger: Logger;
  /**
   * Clock for URL expiry, in milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

export interface EmbeddedObjectStore {
  store: FileObjectStore;
  /** Where the server listens, as clients see it: the base of every signed URL. */
  url: string;
  /** Stops the server (requests in flight get a short grace period). */
  close(): Promise<void>;
}

/** Upload URLs live an hour; a PUT still sending after that long is cut off. */
const REQUEST_TIMEOUT_MS = 3_600_000;
/** A connection silent this long (a stalled upload or download) is closed. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * The object store of embedded mode: files under the data folder, and the platform's own HTTP server for the
 * presigned URLs it signs, which verifies every request (see fileObjectRequestHandler).
 */
export async function startEmbeddedObjectStore(
  options: EmbeddedObjectStoreOptions,
): Promise<EmbeddedObjectStore> {
  const signer = new ObjectUrlSigner(
    await loadObjectStoreSecret(path.join(options.dataDir, 'object-store.key'), options.secret),
  );
  const host = options.host ?? '127.0.0.1';
  const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS });
  server.setTimeout(IDLE_TIMEOUT_MS);
  const port = await listen(server, host, options.port);
  try {
    const url = options.publicUrl ?? `http://${urlHost(host)}:${port}`;
    const store = await FileObjectStore.open({
      directory: path.join(options.dataDir, 'objects'),
      publicUrl: url,
      signer,
      now: options.now,
    });
    const handler = fileObjectRequestHandler({ store, signer, logger: options.logger, now: options.now });
    server.on('request', handler);
    // Answered like any request, so an upload refused on its headers never sends its body.
    server.on('checkContinue', handler);
    let closing: Promise<void> | undefined;
    return { store, url, close: () => (closing ??= closeGracefully(server)) };
  } catch (error) {
    await closeGracefully(server);
    throw error;
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The host part of a URL for a bind address: a wildcard is reached on loopback, IPv6 goes in brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
