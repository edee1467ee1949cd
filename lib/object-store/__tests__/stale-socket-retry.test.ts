import { retryOnStaleSocket } from '../minio-object-store';

const failing = (error: Error & { code?: string }) => {
  let calls = 0;
  const read = async () => {
    if (calls++ === 0) throw error;
    return 'the object';
  };
  return { read, calls: () => calls };
};

describe('reads retried when a pooled socket was closed by the server', () => {
  it.each([
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['EPIPE', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['a hang-up', new Error('socket hang up')],
  ])('runs the read once more after %s', async (_name, error) => {
    const attempt = failing(error);
    await expect(retryOnStaleSocket(attempt.read)).resolves.toBe('the object');
    expect(attempt.calls()).toBe(2);
  });

  it('does not retry any other failure', async () => {
    const attempt = failing(Object.assign(new Error('Access Denied'), { code: 'AccessDenied' }));
    await expect(retryOnStaleSocket(attempt.read)).rejects.toThrow('Access Denied');
    expect(attempt.calls()).toBe(1);
  });

  it('gives up after the second attempt', async () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    let calls = 0;
    await expect(
      retryOnStaleSocket(async () => {
        calls++;
        throw reset;
      }),
    ).rejects.toThrow('ECONNRESET');
    expect(calls).toBe(2);
  });
});
