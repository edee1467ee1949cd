import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP relay in front of a subgraph that counts the WebSocket connections made through it (HTTP keep-alive
 * connections of ordinary fetches are relayed but not counted), so a test can assert how many upstream sockets
 * the gateway opened without reaching into the subgraph server.
 */
export interface ConnectionCounter {
  /** `http://127.0.0.1:<port>/graphql`, relayed to the target. */
  url: string;
  /** WebSocket connections opened since start. */
  opened(): number;
  /** WebSocket connections open right now. */
  open(): number;
  close(): Promise<void>;
}

export async function startConnectionCounter(targetUrl: string): Promise<ConnectionCounter> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  const webSockets = new Set<net.Socket>();
  let opened = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    sockets.add(upstream);
    client.once('data', (chunk: Buffer) => {
      if (/^upgrade:\s*websocket/im.test(chunk.toString('latin1'))) {
        opened += 1;
        webSockets.add(client);
      }
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
      webSockets.delete(client);
    };
    for (const socket of [client, upstream]) {
      socket.on('close', closeBoth);
      socket.on('error', closeBoth);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    opened: () => opened,
    open: () => webSockets.size,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
