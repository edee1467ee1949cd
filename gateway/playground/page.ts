import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlaygroundAssets } from './assets';

export function playgroundHtml(urls: PlaygroundAssets['urls']): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>mlaas playground</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${urls.graphiqlCss}" />
    <style>
      html, body, #graphiql { height: 100%; margin: 0; }
    </style>
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

/** A browser navigating to /graphql asks for HTML; GraphQL clients ask for JSON (or nothing in particular). */
export function wantsPlayground(request: IncomingMessage): boolean {
  return request.method === 'GET' && String(request.headers.accept ?? '').includes('text/html');
}

export function servePlayground(response: ServerResponse, html: string): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  response.end(html);
}
