import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlaygroundAssets } from './assets';

/** The page's one inline style; the CSP allows it by hash, and nothing else inline. */
const INLINE_STYLE = 'html, body, #graphiql { height: 100%; margin: 0; }';
const INLINE_STYLE_HASH = `'sha256-${createHash('sha256').update(INLINE_STYLE).digest('base64')}'`;

export function playgroundHtml(urls: PlaygroundAssets['urls']): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>mlaas playground</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${urls.graphiqlCss}" />
    <style>${INLINE_STYLE}</style>
  </head>
  <body>
    <div id="graphiql">Loading the playground…</div>
    <script src="${urls.react}"></script>
    <script src="${urls.reactDom}"></script>
    <script src="${urls.graphqlWs}"></script>
    <script src="${urls.graphiql}"></script>
    <script src="${urls.bootstrap}"></script>
  </body>
</html>
`;
}

/**
 * The page's Content-Security-Policy: scripts and styles only from this server (no inline script, no eval), the
 * one inline style by hash, requests only to this origin, and no framing (clickjacking). `'self'` covers ws:// and
 * wss:// to the same host in current browsers (CSP Level 3), which subscriptions use.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  `style-src 'self' ${INLINE_STYLE_HASH}`,
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A browser navigating to /graphql asks for HTML; GraphQL clients ask for JSON (or nothing in particular). */
export function wantsPlayground(request: IncomingMessage): boolean {
  return request.method === 'GET' && String(request.headers.accept ?? '').includes('text/html');
}

export function servePlayground(response: ServerResponse, html: string): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': PLAYGROUND_CSP,
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // The page's URL may carry a query in its search string: it stays on this origin.
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
}
