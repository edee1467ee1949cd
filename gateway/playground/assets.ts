import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RouteHandler } from '../../lib/server/http-server';
import { playgroundScript } from './client-script';

export const ASSET_PREFIX = '/playground/assets';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Files served straight from node_modules: the playground works without a CDN (and without internet). */
const packagedFiles = {
  react: { pkg: 'react', file: 'umd/react.production.min.js', type: JS },
  reactDom: { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: JS },
  graphqlWs: { pkg: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: JS },
  graphiql: { pkg: 'graphiql', file: 'graphiql.min.js', type: JS },
  graphiqlCss: { pkg: 'graphiql', file: 'graphiql.min.css', type: CSS },
} as const;

type AssetName = keyof typeof packagedFiles | 'bootstrap';

interface Asset {
  urlPath: string;
  contentType: string;
  load(): Buffer;
}

function packageInfo(pkg: string): { root: string; version: string } {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { root: path.dirname(manifest), version };
}

/**
 * Asset URLs carry the package version (or a content hash), so they can be cached for a year: an upgrade
 * changes the URL, never the content behind one.
 */
function describeAssets(): Record<AssetName, Asset> {
  const assets = {} as Record<AssetName, Asset>;
  for (const [name, { pkg, file, type }] of Object.entries(packagedFiles)) {
    const { root, version } = packageInfo(pkg);
    assets[name as AssetName] = {
      urlPath: `${ASSET_PREFIX}/${pkg}@${version}/${path.basename(file)}`,
      contentType: type,
      load: () => readFileSync(path.join(root, file)),
    };
  }
  const script = Buffer.from(playgroundScript());
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 12);
  assets.bootstrap = {
    urlPath: `${ASSET_PREFIX}/playground-${hash}.js`,
    contentType: JS,
    load: () => script,
  };
  return assets;
}

function serveAsset(asset: Asset): RouteHandler {
  let plain: Buffer | undefined;
  let gzipped: Buffer | undefined;
  return (request: IncomingMessage, response: ServerResponse) => {
    plain ??= asset.load();
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    if (acceptsGzip) gzipped ??= gzipSync(plain);
    const body = acceptsGzip ? gzipped! : plain;
    response.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': body.length,
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'accept-encoding',
      ...(acceptsGzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}

export interface PlaygroundAssets {
  /** URL path of each asset, for the page. */
  urls: Record<AssetName, string>;
  /** Exact-path routes for http-server. */
  routes: Record<string, RouteHandler>;
}

export function createPlaygroundAssets(): PlaygroundAssets {
  const assets = describeAssets();
  const entries = Object.entries(assets) as [AssetName, Asset][];
  return {
    urls: Object.fromEntries(entries.map(([name, asset]) => [name, asset.urlPath])) as Record<
      AssetName,
      string
    >,
    routes: Object.fromEntries(entries.map(([, asset]) => [asset.urlPath, serveAsset(asset)])),
  };
}
