import type { IncomingMessage } from 'node:http';
import { clientAddressOf } from '../client-address';

function request(remoteAddress: string | undefined, forwardedFor?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('clientAddressOf', () => {
  it('takes the peer address and ignores a client-sent X-Forwarded-For without trusted proxies', () => {
    expect(clientAddressOf(request('198.51.100.4', '203.0.113.9'), 0)).toBe('198.51.100.4');
  });

  it('shows an IPv4 client of a dual-stack socket as IPv4', () => {
    expect(clientAddressOf(request('::ffff:127.0.0.1'), 0)).toBe('127.0.0.1');
    expect(clientAddressOf(request('2001:db8::1'), 0)).toBe('2001:db8::1');
  });

  it('takes the entry the outermost trusted proxy appended, not what the client prepended', () => {
    // The client forged "1.2.3.4"; the one trusted proxy appended the address it saw.
    expect(clientAddressOf(request('10.0.0.2', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddressOf(request('10.0.0.2', ['1.2.3.4', '203.0.113.9, 10.0.0.1']), 2)).toBe('203.0.113.9');
  });

  it('falls back to the peer when the header is missing, too short or not an address', () => {
    expect(clientAddressOf(request('10.0.0.2'), 1)).toBe('10.0.0.2');
    expect(clientAddressOf(request('10.0.0.2', '203.0.113.9'), 2)).toBe('10.0.0.2');
    expect(clientAddressOf(request('10.0.0.2', '<script>alert(1)</script>'), 1)).toBe('10.0.0.2');
  });
});
