import type { IncomingMessage } from 'node:http';

// An address is at most an IPv6 literal with a zone; anything longer or odder in a header is not one.
const ADDRESS_PATTERN = /^[0-9A-Za-z.:%_-]{1,64}$/;

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) as the IPv4 address it is. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The address of the client behind a request. `X-Forwarded-For` is anyone's to write, so it is believed only as
 * far as the operator says proxies sit in front of the gateway (`trustedProxyHops`, TRUSTED_PROXY_HOPS): each
 * proxy appends the address it saw, so the client is the entry that many hops from the right, the one the
 * outermost trusted proxy appended. Without trusted proxies, or when the header is too short or malformed, the
 * connection's peer is the client.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxyHops: number): string | undefined {
  const peer = request.socket.remoteAddress ? normalize(request.socket.remoteAddress) : undefined;
  if (trustedProxyHops <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const client = hops[hops.length - trustedProxyHops];
  return client && ADDRESS_PATTERN.test(client) ? normalize(client) : peer;
}
